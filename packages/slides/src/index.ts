export { emitSlides, revealFiles, type EmitSlidesOptions, type EmitSlidesResult } from './emit.js';
export { deckModel, type Deck, type DeckOptions, type DeckSection, type Slide, type SlideKind, type SlideLayout, type TableModel } from './deck.js';
export { deckHtml, deckCss, type DiagramAsset } from './html.js';
export { deckPptx, pptxLayouts } from './pptx.js';
export { printDeck, withDeckInfo } from './pdf.js';
export { markdownElements, type Element, type Run, type ListItem } from './content.js';
export { slidesEmitter, slidesArtifactsIn } from './emitter.js';
