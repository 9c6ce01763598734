/**
 * Which texts contain a word, without reading every text: for each three-character piece of a word
 * (trigram), the numbers of the texts that hold it. A word of three characters or more can only occur
 * in texts listed under every one of its trigrams, so the shortest of those lists holds every match;
 * the caller then checks each candidate's real text. Texts are only added: when a text changes, the
 * trigrams it gained are listed too and the ones it lost stay, harmlessly, since candidates are checked.
 */
export class TrigramIndex {
  readonly #postings = new Map<string, number[]>();

  /** Lists text number `seq` under each trigram of `text` that `previous` (its earlier text) did not have. */
  add(seq: number, text: string, previous = ''): void {
    const known = previous === '' ? undefined : trigramsOf(previous);
    for (const trigram of trigramsOf(text)) {
      if (known?.has(trigram)) continue;
      let list = this.#postings.get(trigram);
      if (!list) this.#postings.set(trigram, (list = []));
      list.push(seq);
    }
  }

  /**
   * Text numbers that may contain every word (each at least 3 characters long), possibly with
   * repeats: the shortest list among all the words' trigrams. Empty when some trigram occurs nowhere.
   */
  candidates(words: readonly string[]): readonly number[] {
    let best: number[] | undefined;
    for (const word of words) {
      for (const trigram of trigramsOf(word)) {
        const list = this.#postings.get(trigram);
        if (!list) return [];
        if (!best || list.length < best.length) best = list;
      }
    }
    return best ?? [];
  }

  /** Length of the list `candidates` would return. */
  candidateCount(words: readonly string[]): number {
    return this.candidates(words).length;
  }
}

/** The trigrams of every word of a normalized text (words are separated by single spaces). */
function trigramsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const word of text.split(' ')) {
    const chars = [...word];
    for (let i = 0; i + 3 <= chars.length; i++) out.add(chars[i] + chars[i + 1] + chars[i + 2]);
  }
  return out;
}
