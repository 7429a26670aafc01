/**
 * Every sentence the player script says to a learner, by language: the one
 * table a translator fills (English today). `{name}` marks a value the player
 * puts in. The page itself (headings, buttons) is written by player-html.ts.
 */
export const playerStrings = {
  en: {
    connected: 'Connected to your LMS (SCORM {version}): your progress and score are saved.',
    review: 'Review mode: your LMS opened this module to look through; nothing you do here is recorded.',
    browse: 'Browse mode: your LMS opened this module to look through; nothing you do here is recorded.',
    preview: 'Preview mode: no LMS was found, so nothing is saved or scored.',
    previewExit: 'Preview mode: nothing to save.',
    refused: 'Your LMS refused to start this session ({error}). Nothing you do here is saved or scored; close this window and open the module again from your LMS.',
    refusedExit: 'Nothing was saved: your LMS refused this session ({error}).',
    saved: 'Your progress is saved. You can close this window.',
    endedUnrecorded: 'Session ended; nothing was recorded ({mode} mode). You can close this window.',
    notSaved: 'Your progress was not saved: your LMS answered {error}. Keep this window open and try Save and exit again; if it keeps failing, tell your LMS administrator.',
    commitFailed: 'Your LMS did not save your progress ({error}). Keep this window open and use Save and exit to try again; if it keeps failing, tell your LMS administrator.',
    error: 'error {code}',
    errorWithText: 'error {code}: {text}',
    welcomeBack: 'Welcome back: you left off at “{title}” (page {page}).',
    pageOf: 'Page {page} of {pages}',
    quizClosedOne: 'The quiz opens once you have seen every page: {pages} is still to read.',
    quizClosedMany: 'The quiz opens once you have seen every page: {pages} are still to read.',
    quoted: '“{title}”',
    listSeparator: ', ',
    titleSeparator: '; ',
    answerEvery: 'Answer every question first: {titles}.',
    writeNumber: 'Write a number, like {example}, in: {titles}.',
    verdictRight: 'Correct.',
    verdictWrong: 'Not correct.',
    attempt: ' Attempt {attempt}.',
    attemptOf: ' Attempt {attempt} of {attempts}.',
    scorePassed: '{score}% (passed)',
    scoreNotPassed: '{score}% (not passed yet; you need {mark}%)',
    lastScore: 'Your last score: {line}.',
    yourBest: ' Your best: {best}%.',
    noAttemptsLeft: ' You have no attempts left.',
    scoredPassed: 'You scored {score}%: passed.',
    scoredNotPassed: 'You scored {score}%: not passed; you need {mark}%.',
    bestKept: ' Your best score, {best}%, is the one recorded.',
    readModelAnswers: ' Read the model answers, then try again.',
    tryWhenReady: ' Try again when you are ready.',
    notRecorded: ' ({mode} mode: not recorded)',
  },
} as const;

export type PlayerStrings = { readonly [Name in keyof (typeof playerStrings)['en']]: string };

/** The player's sentences in a language, English where the table has none. */
export function stringsFor(language: string): PlayerStrings {
  return (playerStrings as Record<string, PlayerStrings>)[language] ?? playerStrings.en;
}
