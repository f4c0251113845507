/**
 * Very large pages read in slices: the same result as JSON.parse, the same
 * error for broken JSON, and no long task while a big page is read.
 */
import { expect } from '@open-wc/testing';
import { parseInSlices, readTextInSlices, SLICED_FROM } from '../../src/backends/json-slices.js';
import { largeList, readJson } from '../../src/backends/http.js';
import { mapInSlices } from '../../src/core/slices.js';

/** A page of `count` comments with strings that try to confuse a scanner (quotes, braces, escapes, non-ASCII). */
function bigPage(count: number): string {
  const comments = Array.from({ length: count }, (_, i) => ({
    id: `c${i}`,
    parentId: i % 3 ? `c${i - 1}` : null,
    author: { name: `Ann "the {tricky}" [${i}] \\ ☃ 𝌆`, url: null, avatar: null },
    html: `<p>Body ${i}: } ] , { [ "quoted" \\" \u2028 end</p>`,
    createdAt: '2024-01-01T00:00:00.000Z',
    status: 'approved',
    extra: { nested: [1, { deep: '}' }], empty: {}, list: [] },
  }));
  return JSON.stringify({ next: 'after', comments, total: count, closed: false });
}

/** A response whose body arrives in chunks of `size` bytes (cutting through multi-byte characters). */
function chunked(bytes: Uint8Array, size: number): Response {
  let offset = 0;
  return new Response(
    new ReadableStream<Uint8Array>({
      pull(controller) {
        if (offset >= bytes.length) controller.close();
        else controller.enqueue(bytes.slice(offset, (offset += size)));
      },
    }),
  );
}

/** Counts the times the main thread is given back while `work` runs. */
async function countingYields(work: () => Promise<void>): Promise<number> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  let yields = 0;
  const restore: (() => void)[] = [];
  if (scheduler?.yield) {
    const original = scheduler.yield;
    scheduler.yield = function (this: unknown) {
      yields += 1;
      return original.call(this);
    };
    restore.push(() => (scheduler.yield = original));
  } else {
    const Original = window.MessageChannel;
    window.MessageChannel = class extends Original {
      constructor() {
        super();
        yields += 1;
      }
    };
    restore.push(() => (window.MessageChannel = Original));
  }
  try {
    await work();
  } finally {
    for (const undo of restore) undo();
  }
  return yields;
}

describe('readTextInSlices', () => {
  it('reads a body as response.text() does: a BOM, and characters cut between chunks', async () => {
    const bytes = new TextEncoder().encode(`\uFEFF${bigPage(50)}`);
    const expected = await new Response(bytes).text();
    for (const size of [1, 2, 3, 7, 4096]) {
      expect(await readTextInSlices(chunked(bytes, size)), `chunks of ${size}`).to.equal(expected);
    }
    // Bytes that are not UTF-8 become U+FFFD, as with text().
    const broken = new Uint8Array([0x7b, 0xff, 0xe2, 0x82, 0x7d]);
    expect(await readTextInSlices(chunked(broken, 1))).to.equal(await new Response(broken).text());
    expect(await readTextInSlices(new Response(null))).to.equal('');
  });

  it('gives the main thread back while it reads a body of many megabytes', async function () {
    this.timeout(30_000);
    const bytes = new TextEncoder().encode(bigPage(30000).repeat(4));
    let text = '';
    const yields = await countingYields(async () => {
      text = await readTextInSlices(chunked(bytes, 64 * 1024));
    });
    expect(text.length).to.equal(new TextDecoder().decode(bytes).length);
    expect(yields, 'times the main thread was given back').to.be.above(0);
  });
});

describe('parseInSlices', () => {
  it('gives exactly what JSON.parse gives, for a page far above the threshold', async () => {
    const text = bigPage(3000);
    expect(text.length).to.be.greaterThan(SLICED_FROM * 2);
    expect(await parseInSlices(text, 'comments')).to.deep.equal(JSON.parse(text));
  });

  it('leaves small pages to JSON.parse, and works when the list is first, last, empty or absent', async () => {
    const padding = 'x'.repeat(SLICED_FROM);
    for (const text of [
      '{"comments":[{"id":"1"}],"next":null}',
      JSON.stringify({ comments: [{ id: '1' }, { id: '2' }], pad: padding }),
      JSON.stringify({ pad: padding, comments: [] }),
      JSON.stringify({ pad: padding, other: [{ comments: [1] }] }),
      ` \n ${JSON.stringify({ pad: padding, comments: [ { a: 1 } ] }, null, 2)} \n`,
    ]) {
      expect(await parseInSlices(text, 'comments')).to.deep.equal(JSON.parse(text));
    }
  });

  it('fails as JSON.parse does on broken or unexpected JSON', async () => {
    const valid = bigPage(400);
    const broken = [
      valid.slice(0, valid.length - 10), // cut short
      valid.replace('},{', '},,{'), // two commas
      valid.replace('},{', '}{'), // no comma
      valid.replace('"comments":[', '"comments":[1,'), // not an object in the list
    ];
    for (const text of broken) {
      let parsed: unknown;
      try {
        parsed = await parseInSlices(text, 'comments');
      } catch (error) {
        expect(error).to.be.instanceOf(SyntaxError);
        expect(() => JSON.parse(text)).to.throw(SyntaxError);
        continue;
      }
      // What JSON.parse accepts is accepted alike.
      expect(parsed).to.deep.equal(JSON.parse(text));
    }
    // The key twice: JSON.parse keeps the last, and so does this.
    const twice = `{"comments":[{"id":"first"}],"pad":"${'x'.repeat(SLICED_FROM)}","comments":[{"id":"last"}]}`;
    expect(await parseInSlices(twice, 'comments')).to.deep.equal(JSON.parse(twice));
    // …also when the last one is empty.
    const thenEmpty = `{"comments":${JSON.stringify(JSON.parse(bigPage(1000)).comments)},"comments":[]}`;
    expect(await parseInSlices(thenEmpty, 'comments')).to.deep.equal({ comments: [] });
  });

  it('takes the list under the key, never one that follows the key\'s name given as a value', async () => {
    const hidden = JSON.parse(bigPage(1000)).comments;
    for (const text of [
      JSON.stringify({ kind: 'comments', hidden, comments: [], next: null }),
      JSON.stringify({ kind: 'comments', hidden, comments: [{ id: 'shown' }], next: null }),
      JSON.stringify({ kind: 'comments', hidden, next: null }),
    ]) {
      expect(text.length).to.be.greaterThan(SLICED_FROM);
      expect(await parseInSlices(text, 'comments')).to.deep.equal(JSON.parse(text));
    }
  });

  it('reads a big page in many slices, giving the main thread back between them', async function () {
    this.timeout(30_000);
    // How long each slice takes is for `npm run bench` (a loaded machine makes any figure here unreliable);
    // this checks that the reading is split at all: every time the main thread is given back is counted.
    const text = bigPage(30000);
    let parsed: { comments: unknown[] } = { comments: [] };
    const yields = await countingYields(async () => {
      parsed = (await parseInSlices(text, 'comments')) as { comments: unknown[] };
      await mapInSlices(parsed.comments, (comment) => JSON.stringify(comment).length);
    });
    expect(parsed.comments).to.have.length(30000);
    expect(parsed).to.deep.equal(JSON.parse(text));
    expect(yields, 'times the main thread was given back').to.be.above(3);
  });
});

describe('mapInSlices', () => {
  it('maps every item in order, and passes errors on', async () => {
    expect(await mapInSlices([1, 2, 3], (n) => n * 2)).to.deep.equal([2, 4, 6]);
    expect(await mapInSlices([], (n: number) => n)).to.deep.equal([]);
    let error: unknown;
    try {
      await mapInSlices([1, 2, 3], (n) => {
        if (n === 2) throw new TypeError('two');
        return n;
      });
    } catch (thrown) {
      error = thrown;
    }
    expect((error as Error).message).to.equal('two');
  });
});

describe('largeList and readJson', () => {
  it('loads the slicing reader on demand (the npm modules split it off), and reads a big page with it', async () => {
    const large = largeList('comments');
    const reader = await large.reader;
    expect(reader?.parseInSlices).to.equal(parseInSlices);
    const text = bigPage(3_000);
    expect(text.length).to.be.greaterThan(SLICED_FROM);
    expect(await readJson(new Response(text), large)).to.deep.equal(JSON.parse(text));
  });

  it('reads in one go when the reader could not be had, and error answers always in one go', async () => {
    let used = 0;
    const counting = { readTextInSlices: (response: Response) => (used++, response.text()), parseInSlices: (text: string) => (used++, JSON.parse(text)) };
    const missing = { key: 'comments', reader: Promise.resolve(undefined) };
    expect(await readJson(new Response('{"comments":[{"id":"a"}]}'), missing)).to.deep.equal({ comments: [{ id: 'a' }] });
    const given = { key: 'comments', reader: Promise.resolve(counting as unknown as Awaited<ReturnType<typeof largeList>['reader']>) };
    expect(await readJson(new Response('{"error":{"code":"server"}}', { status: 500 }), given)).to.deep.equal({ error: { code: 'server' } });
    expect(used, 'the reader was used for an error answer').to.equal(0);
    expect(await readJson(new Response('{"comments":[]}'), given)).to.deep.equal({ comments: [] });
    expect(used, 'the reader read a success answer').to.equal(2);
  });
});
