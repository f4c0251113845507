/**
 * Loaded into every test page after the test framework. A failed assertion
 * on elements (`expect(element).to.equal(other)`) keeps them as the error's
 * `actual` and `expected`, which the runner cannot copy to report them: the
 * file then never finishes and its failure goes unsaid until the timeout.
 * After each failed test, elements in those two are replaced by their markup.
 */
const markup = (value) =>
  value instanceof Node ? (value.outerHTML ?? value.nodeName).slice(0, 500) : Array.isArray(value) ? value.map(markup) : value;

window.mocha.suite.afterEach(function () {
  const error = this.currentTest?.err;
  if (!error) return;
  error.actual = markup(error.actual);
  error.expected = markup(error.expected);
});
