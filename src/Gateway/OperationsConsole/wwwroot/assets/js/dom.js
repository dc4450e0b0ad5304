// Builds elements from data without ever parsing it as HTML: text is text, so nothing an account or a
// notice contains can turn into markup or script.

/**
 * h('a', { href: '#/x', class: 'link', onclick: fn }, 'text', child, [more, children])
 * Attributes starting with "on" become listeners; null, undefined and false attributes and children are skipped.
 */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes ?? {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') {
      element.addEventListener(name.slice(2), value);
    } else if (name === 'dataset') {
      Object.assign(element.dataset, value);
    } else if (value === true) {
      element.setAttribute(name, '');
    } else {
      element.setAttribute(name, String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(element, child);
    } else {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** Replaces everything inside an element. */
export function replace(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

/** A table with a header row; rows is a list of arrays of cells (each a node or text), or an empty message. */
export function table(headers, rows, { empty = '', className = 'data' } = {}) {
  if (rows.length === 0) {
    return h('p', { class: 'empty' }, empty);
  }
  return h('table', { class: className },
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((cell) => h('td', {}, cell))))));
}
