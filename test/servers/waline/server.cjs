'use strict';
// One real Waline server for Parley's browser tests, started by ../waline.mjs.
// Configured only by env:
//   SQLITE_PATH, SQLITE_DB, JWT_TOKEN, ... – read by Waline itself
//   WALINE_PORT_FILE – where to write the port once listening
//   WALINE_PORT – optional, default 0: the kernel picks a free port, no race
//   WALINE_PARENT_PID – exit when that process is gone (no orphans after a kill -9)

const fs = require('node:fs');
const http = require('node:http');
const path = require('node:path');
const sqlite3 = require('sqlite3');

// The npm package ships no schema, so create the tables Waline's SQLite storage
// expects (same columns and types as upstream's assets/waline.sqlite). think-model
// drops fields that have no column, and converts values by column type: INTEGER
// keeps pid/rid/user_id numeric, which the reply threading compares with ===;
// sticky stays NUMERIC as upstream (INTEGER would turn a boolean into NaN). Timestamps
// default to local time because Waline compares them with local-time strings.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS wl_Comment (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id INTEGER DEFAULT NULL,
  comment TEXT,
  insertedAt DATETIME DEFAULT (datetime('now', 'localtime')),
  ip VARCHAR(100) DEFAULT '',
  link VARCHAR(255) DEFAULT NULL,
  mail VARCHAR(255) DEFAULT NULL,
  nick VARCHAR(255) DEFAULT NULL,
  pid INTEGER DEFAULT NULL,
  rid INTEGER DEFAULT NULL,
  sticky NUMERIC DEFAULT NULL,
  status VARCHAR(50) NOT NULL DEFAULT '',
  "like" INTEGER DEFAULT NULL,
  ua TEXT,
  url VARCHAR(255) DEFAULT NULL,
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE IF NOT EXISTS wl_Counter (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  url VARCHAR(255) NOT NULL DEFAULT '',
  time INTEGER DEFAULT NULL,
  reaction0 INTEGER DEFAULT NULL,
  reaction1 INTEGER DEFAULT NULL,
  reaction2 INTEGER DEFAULT NULL,
  reaction3 INTEGER DEFAULT NULL,
  reaction4 INTEGER DEFAULT NULL,
  reaction5 INTEGER DEFAULT NULL,
  reaction6 INTEGER DEFAULT NULL,
  reaction7 INTEGER DEFAULT NULL,
  reaction8 INTEGER DEFAULT NULL,
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime'))
);
CREATE TABLE IF NOT EXISTS wl_Users (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  display_name VARCHAR(255) NOT NULL DEFAULT '',
  email VARCHAR(255) NOT NULL DEFAULT '',
  password VARCHAR(255) NOT NULL DEFAULT '',
  type VARCHAR(50) NOT NULL DEFAULT '',
  label VARCHAR(255) DEFAULT NULL,
  url VARCHAR(255) DEFAULT NULL,
  avatar VARCHAR(255) DEFAULT NULL,
  github VARCHAR(255) DEFAULT NULL,
  twitter VARCHAR(255) DEFAULT NULL,
  facebook VARCHAR(255) DEFAULT NULL,
  google VARCHAR(255) DEFAULT NULL,
  weibo VARCHAR(255) DEFAULT NULL,
  qq VARCHAR(255) DEFAULT NULL,
  oidc VARCHAR(255) DEFAULT NULL,
  huawei VARCHAR(255) DEFAULT NULL,
  "2fa" VARCHAR(32) DEFAULT NULL,
  createdAt DATETIME DEFAULT (datetime('now', 'localtime')),
  updatedAt DATETIME DEFAULT (datetime('now', 'localtime'))
);
`;

function createSchema(file) {
  return new Promise((resolve, reject) => {
    const db = new sqlite3.Database(file, (err) => {
      if (err) return reject(err);
      db.exec(SCHEMA, (execErr) => db.close(() => (execErr ? reject(execErr) : resolve())));
    });
  });
}

function watchParent() {
  const parent = Number(process.env.WALINE_PARENT_PID);
  if (!parent) return;
  // Once the parent dies we are re-parented, so ppid changes (immune to pid reuse).
  setInterval(() => {
    if (process.ppid !== parent) process.exit(0);
  }, 500).unref();
}

async function main() {
  const { SQLITE_PATH, SQLITE_DB = 'waline', WALINE_PORT_FILE } = process.env;
  if (!SQLITE_PATH || !WALINE_PORT_FILE) throw new Error('SQLITE_PATH and WALINE_PORT_FILE are required');

  await createSchema(path.join(SQLITE_PATH, `${SQLITE_DB}.sqlite`));
  watchParent();

  const waline = require('@waline/vercel');
  const server = http.createServer(waline({}));

  server.listen(Number(process.env.WALINE_PORT) || 0, '127.0.0.1', () => {
    // Write then rename so the parent never reads a half-written file.
    const tmp = `${WALINE_PORT_FILE}.tmp`;
    fs.writeFileSync(tmp, String(server.address().port));
    fs.renameSync(tmp, WALINE_PORT_FILE);
  });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
