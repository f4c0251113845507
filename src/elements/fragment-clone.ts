import { noChange } from 'lit/html.js';
import { Directive, directive, type PartInfo, PartType, type ChildPart } from 'lit/directive.js';

/**
 * Renders a clone of a sanitised DocumentFragment, cloning only when the
 * fragment itself changes: sanitised HTML is never re-parsed on render.
 */
class FragmentCloneDirective extends Directive {
  #source: DocumentFragment | undefined;

  constructor(partInfo: PartInfo) {
    super(partInfo);
    if (partInfo.type !== PartType.CHILD) throw new Error('fragmentClone() only works in child positions');
  }

  render(_fragment: DocumentFragment): unknown {
    return noChange;
  }

  override update(_part: ChildPart, [fragment]: [DocumentFragment]): unknown {
    if (fragment === this.#source) return noChange;
    this.#source = fragment;
    return fragment.cloneNode(true);
  }
}

export const fragmentClone = directive(FragmentCloneDirective);
