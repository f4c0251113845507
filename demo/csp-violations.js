// Counts Content Security Policy violations on the page and lists them
// (as text: this page writes no HTML strings either).
const violations = [];
window.cspViolations = violations;
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    violations.push(event);
    const show = () => {
      document.getElementById('csp-count').textContent = String(violations.length);
      const item = document.createElement('li');
      item.textContent = `${event.effectiveDirective}: ${event.blockedURI} ${event.sample} (${event.sourceFile}:${event.lineNumber})`;
      document.getElementById('csp-list').append(item);
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show, { once: true });
    else show();
  },
  true,
);
