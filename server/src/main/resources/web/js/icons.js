// Small line icons drawn as SVG, so that no icon font or image has to load.

const SVG = 'http://www.w3.org/2000/svg';

const PATHS = {
  plus: ['M12 5v14', 'M5 12h14'],
  close: ['M6 6l12 12', 'M18 6L6 18'],
  menu: ['M4 7h16', 'M4 12h16', 'M4 17h16'],
  message: ['M4 5h16v11H9l-5 4z'],
  attach: ['M20.5 11.5l-8.2 8.2a5 5 0 0 1-7.1-7.1l8.5-8.5a3.3 3.3 0 0 1 4.7 4.7l-8.5 8.5a1.7 1.7 0 0 1-2.4-2.4l7.8-7.8'],
  block: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M5.6 5.6l12.8 12.8'],
  unblock: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M8 12l3 3l5-6'],
  people: ['M9 11a3.5 3.5 0 1 0 0-7a3.5 3.5 0 1 0 0 7', 'M2.5 20c.8-3.6 3.3-5.5 6.5-5.5s5.7 1.9 6.5 5.5', 'M16 4.3a3.5 3.5 0 0 1 0 6.4', 'M18.5 14.8c1.6.8 2.6 2.5 3 5.2'],
};

/** The icon `name` as an SVG element, hidden from screen readers (its button has a label). */
export function icon(name) {
  const svg = document.createElementNS(SVG, 'svg');
  svg.setAttribute('viewBox', '0 0 24 24');
  svg.setAttribute('width', '18');
  svg.setAttribute('height', '18');
  svg.setAttribute('aria-hidden', 'true');
  svg.setAttribute('focusable', 'false');
  svg.setAttribute('class', 'icon');
  for (const d of PATHS[name] || []) {
    const path = document.createElementNS(SVG, 'path');
    path.setAttribute('d', d);
    svg.append(path);
  }
  return svg;
}

/** Gives every element with a data-icon attribute its icon, in place of its text. */
export function drawIcons(root = document) {
  for (const element of root.querySelectorAll('[data-icon]')) {
    element.replaceChildren(icon(element.dataset.icon));
  }
}
