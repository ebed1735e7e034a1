import { renderLetters, type Letter, type RenderOptions, type RenderedDocument } from './render-letters';

/**
 * The production file as a sequence of print-ready PDFs of `batchSize` letters each (print houses take
 * batch files; 500 is a common tray size). Only one batch is in memory at a time, so memory stays flat
 * however long the list, and a failed batch can be retried alone.
 */
export async function* renderInBatches(
  letters: Iterable<Letter> | AsyncIterable<Letter>,
  options: RenderOptions,
  batchSize = 500,
): AsyncGenerator<RenderedDocument & { batch: number; firstLetter: number }> {
  let batch: Letter[] = [];
  let index = 0;
  let first = 0;
  for await (const letter of letters) {
    batch.push(letter);
    if (batch.length === batchSize) {
      yield {
        ...(await renderLetters(batch, { ...options, title: `${options.title} (batch ${index + 1})` })),
        batch: index,
        firstLetter: first,
      };
      first += batch.length;
      index += 1;
      batch = [];
    }
  }
  if (batch.length)
    yield {
      ...(await renderLetters(batch, { ...options, title: `${options.title} (batch ${index + 1})` })),
      batch: index,
      firstLetter: first,
    };
}
