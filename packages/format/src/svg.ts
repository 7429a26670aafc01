import type { DOMPurify as Purifier, UponSanitizeAttributeHookEvent, UponSanitizeElementHookEvent } from 'dompurify';

export interface SanitizedSvg {
  /** The drawing with everything unsafe taken out, as XML; undefined when the file is not an SVG document at all. */
  svg?: string;
  /** What was taken out that could run code or load something (each once, in document order). */
  unsafe: string[];
  /** Why the file could not be read as SVG, when it could not. */
  unreadable?: string;
}

const svgNamespace = 'http://www.w3.org/2000/svg';

/** Elements whose removal means the drawing tried to do more than draw. */
const activeElements = new Set(['script', 'foreignobject', 'iframe', 'embed', 'object', 'animate', 'animatemotion', 'animatetransform', 'set', 'handler', 'listener', 'discard']);

/** Raster images an SVG may embed (editors embed pictures this way); never a nested SVG, which could hold scripts again. */
const embeddedImage = /^data:image\/(?:png|jpeg|gif|webp);base64,[a-z0-9+/=\s]*$/i;

/** CSS that fetches something: url() of anything but a fragment of this drawing, @import, legacy expression(). */
const cssFetch = /url\s*\(\s*(?!['"]?\s*#)|@import|expression\s*\(/i;

function isReferenceAttribute(name: string): boolean {
  return name === 'href' || name.endsWith(':href') || name === 'src';
}

function referenceAllowed(element: string, value: string): boolean {
  const trimmed = value.trim();
  return trimmed.startsWith('#') || (element === 'image' && embeddedImage.test(trimmed));
}

let purifierModules: Promise<{ createDOMPurify: (window: never) => Purifier; JSDOM: typeof import('jsdom').JSDOM }> | undefined;

/** jsdom is large; only modules with SVG assets pay for loading it. */
function loadPurifier() {
  purifierModules ??= Promise.all([import('dompurify'), import('jsdom')]).then(([purify, jsdom]) => ({
    createDOMPurify: purify.default as unknown as (window: never) => Purifier,
    JSDOM: jsdom.JSDOM,
  }));
  return purifierModules;
}

/**
 * An SVG asset with scripts, event handlers, embedded HTML, animations that
 * rewrite links, and every reference outside the drawing removed (DOMPurify's
 * SVG profile on the parsed XML, plus hooks for references and CSS). Editor
 * metadata (Inkscape, Sodipodi, RDF) is dropped silently: it is harmless, so
 * it is not reported.
 */
export async function sanitizeSvg(text: string): Promise<SanitizedSvg> {
  const { createDOMPurify, JSDOM } = await loadPurifier();
  let dom: InstanceType<typeof JSDOM>;
  try {
    // XML mode: an SVG is XML, and only an XML serializer gives well-formed bytes back (EPUB readers insist).
    dom = new JSDOM(text, { contentType: 'image/svg+xml' });
  } catch (error) {
    return { unsafe: [], unreadable: `it is not well-formed XML (${(error as Error).message.replace(/^about:blank:/, 'line:column ')})` };
  }
  const document = dom.window.document;
  const root = document.documentElement;
  if (root?.localName !== 'svg' || root.namespaceURI !== svgNamespace) {
    return { unsafe: [], unreadable: 'its root element is not an SVG <svg> element' };
  }
  const purify = createDOMPurify(dom.window as never);
  const unsafe: string[] = [];
  const note = (what: string) => {
    if (!unsafe.includes(what)) unsafe.push(what);
  };
  purify.addHook('uponSanitizeElement', (node, data: UponSanitizeElementHookEvent) => {
    if (data.tagName === 'style' && cssFetch.test(node.textContent ?? '')) {
      note('a <style> that loads other files (url(), @import)');
      node.parentNode?.removeChild(node);
    }
  });
  purify.addHook('uponSanitizeAttribute', (node, data: UponSanitizeAttributeHookEvent) => {
    const name = data.attrName.toLowerCase();
    if (isReferenceAttribute(name) && !referenceAllowed(node.nodeName.toLowerCase(), data.attrValue)) {
      note(`a reference outside the drawing (${node.nodeName} ${data.attrName}="${data.attrValue.trim().slice(0, 40)}")`);
      data.keepAttr = false;
    } else if (name === 'style' && cssFetch.test(data.attrValue)) {
      note(`a style that loads other files (${node.nodeName} style="${data.attrValue.trim().slice(0, 40)}")`);
      data.keepAttr = false;
    }
  });
  purify.sanitize(root, { USE_PROFILES: { svg: true, svgFilters: true }, IN_PLACE: true, ADD_TAGS: ['use'] });
  for (const removed of purify.removed as { element?: Node; attribute?: Attr | null; from?: Node }[]) {
    if (removed.element) {
      const name = (removed.element as Element).localName?.toLowerCase() ?? removed.element.nodeName.toLowerCase();
      if (activeElements.has(name)) note(`<${(removed.element as Element).localName ?? name}>`);
    } else if (removed.attribute) {
      const name = removed.attribute.name;
      if (/^on/i.test(name)) note(`the event handler ${name}=`);
      else if (/^\s*(?:javascript|vbscript|data):/i.test(removed.attribute.value)) note(`${name}="${removed.attribute.value.trim().slice(0, 40)}"`);
    }
  }
  return { svg: `<?xml version="1.0" encoding="UTF-8"?>\n${new dom.window.XMLSerializer().serializeToString(root)}\n`, unsafe };
}
