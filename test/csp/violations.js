// Loaded first by every test page served under the strict CSP: records each
// violation the page is told about, before any other script runs, and gives
// payloads a sink to call (`window.__xss`) so a test can see that none ran.
window.cspViolations = [];
window.xssCalls = [];
Object.defineProperty(window, '__xss', { value: (id) => window.xssCalls.push(String(id)), writable: false, configurable: false });
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.cspViolations.push({
      directive: event.effectiveDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: `${event.sourceFile}:${event.lineNumber}`,
      disposition: event.disposition,
    });
  },
  true,
);
