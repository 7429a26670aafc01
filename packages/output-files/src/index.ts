export { contentDate, contentEpoch, type DatedContent } from './date.js';
export { writeZip, zipBytes, zipEntries } from './zip.js';
export { removeStaleStaging, replaceDirectory, swapFolder } from './swap.js';
