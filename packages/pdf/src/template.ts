/** Set by the page once fonts and images are ready: rendering waits for it, not for network idle. */
export const readyFlag = '__pressReady';

const readyScript = `Promise.all([document.fonts.ready].concat(Array.from(document.images, function (image) { return image.decode().catch(function () {}); }))).then(function () { window.${readyFlag} = true; });`;

/** Pandoc's HTML template for one document, with its stylesheet inline (pandoc templates escape `$` as `$$`). */
export function htmlTemplate(css: string): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="$lang$">',
    '<head>',
    '<meta charset="utf-8">',
    '<title>$pagetitle$</title>',
    '$if(highlighting-css)$<style>$highlighting-css$</style>$endif$',
    `<style>${css.replace(/\$/g, '$$$$')}</style>`,
    '</head>',
    '<body>',
    '$body$',
    `<script>${readyScript.replace(/\$/g, '$$$$')}</script>`,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
