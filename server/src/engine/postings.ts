/**
 * An inverted index from terms to the ids of the texts holding them, shared by the quotation matcher and
 * the fact index: both find candidates through rare shared words and must forget a text when it goes.
 */
export class Postings<T> {
  private readonly lists = new Map<T, number[]>();

  add(id: number, terms: Iterable<T>): void {
    for (const t of terms) {
      const list = this.lists.get(t);
      if (list) list.push(id);
      else this.lists.set(t, [id]);
    }
  }

  remove(id: number, terms: Iterable<T>): void {
    for (const t of terms) {
      const list = this.lists.get(t);
      if (!list) continue;
      const at = list.indexOf(id);
      if (at >= 0) list.splice(at, 1);
      if (list.length === 0) this.lists.delete(t);
    }
  }

  /** The ids holding `term` (do not modify). */
  get(term: T): readonly number[] | undefined {
    return this.lists.get(term);
  }

  /** How many texts hold `term`. */
  frequency(term: T): number {
    return this.lists.get(term)?.length ?? 0;
  }
}
