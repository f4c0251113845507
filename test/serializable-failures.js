/**
 * Loaded into every test page after the test framework. A failed assertion
 * keeps its values as the error's `actual` and `expected`, which the runner
 * copies (structured clone) to report them; an element, a URL or a window
 * cannot be copied, and the file then never finishes (or its browser
 * disconnects) with the failure unsaid. After each failed test, such values
 * are replaced by text: an element by its markup, anything else by its string.
 */
function reportable(value) {
  if (value instanceof Node) return (value.outerHTML ?? value.nodeName).slice(0, 500);
  try {
    structuredClone(value);
    return value;
  } catch {
    return Array.isArray(value) ? value.map(reportable) : String(value);
  }
}

window.mocha.suite.afterEach(function () {
  const error = this.currentTest?.err;
  if (!error) return;
  error.actual = reportable(error.actual);
  error.expected = reportable(error.expected);
});
