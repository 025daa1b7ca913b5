/**
 * The little the resident page needs in place of React (issue 19: React alone is more than the
 * page's whole budget): elements written as one expression, and places in the page rebuilt only
 * when what they show has changed, so a focused link or the date picker elsewhere is left alone.
 */

/** An attribute's value: `true` writes it bare, `false` and undefined leave it out; a function listens to the event named after `on`. */
type AttributeValue = string | number | boolean | undefined | ((event: Event) => void);
export type Attributes = Readonly<Record<string, AttributeValue>>;
export type Child = Node | string | false | undefined;

/** An element with its attributes and children: `h('p', { class: 'x' }, 'text', h('a', …))`. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: (Child | readonly Child[])[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  for (const child of children.flat()) {
    if (child !== false && child !== undefined) element.append(child);
  }
  return element;
}

/** Sets (or, false or undefined, removes) each of `attributes` on `element`. */
export function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (typeof value === 'function') element.addEventListener(name.slice(2), value);
    else if (value === false || value === undefined) element.removeAttribute(name);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
}

/** A non-breaking space: the blank line of a placeholder, as tall as text. */
export const BLANK = '\u00a0';

/**
 * A place in the page showing what `build` makes of some inputs, rebuilt only when one of them
 * has changed (by identity): the page renders every part on every change, and the parts that did
 * not change keep their elements (and focus).
 */
export interface Slot {
  /** What stands in the page now. */
  readonly node: ChildNode;
  show(inputs: readonly unknown[], build: () => Element): void;
}

/** Whether `inputs` are those `shown` last (each the same by identity): nothing to rebuild. */
export const sameInputs = (shown: readonly unknown[] | undefined, inputs: readonly unknown[]): boolean =>
  shown !== undefined && shown.length === inputs.length && shown.every((input, i) => Object.is(input, inputs[i]));

export function slot(): Slot {
  let node: ChildNode = document.createComment('');
  let shown: readonly unknown[] | undefined;
  return {
    get node() {
      return node;
    },
    show(inputs, build) {
      if (sameInputs(shown, inputs)) return;
      const next = build();
      node.replaceWith(next);
      node = next;
      shown = inputs;
    },
  };
}
