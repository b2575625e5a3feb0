// Which workspace files contain a given string (`.defaults`, `setGlobalDispatcher`…), for the
// rules' workspace-wide facts. Answers are kept per file and text, and a change log brings each
// answer up to date for the edited files only: a keystroke must not rescan a 5,000-file workspace.

/** Changes remembered before the indexes are rebuilt from scratch (keeps the log bounded). */
const MAX_CHANGE_LOG = 4096;

interface NeedleEntry {
  files: Set<string>;
  /** The answer as an array, made on demand and dropped when `files` changes. */
  list: string[] | undefined;
  /** The change log this entry was built against, and how far into it the entry is up to date. */
  logStart: number;
  position: number;
}

export class NeedleIndex {
  private readonly entries = new Map<string, NeedleEntry>();
  /** needle → file → whether the file's text (as it was) contains (or matches) it. */
  private readonly containsCache = new Map<string | RegExp, Map<string, { text: string; found: boolean }>>();
  private changeLog: string[] = [];
  private changeLogStart = 0;

  /**
   * Whether `text` (the current text of `fileName`) contains `needle`, or matches it when it is a
   * RegExp (without the `g` flag: a stateless test); remembered per text.
   */
  contains(fileName: string, text: string | undefined, needle: string | RegExp): boolean {
    if (text === undefined) return false;
    let perFile = this.containsCache.get(needle);
    if (!perFile) this.containsCache.set(needle, (perFile = new Map()));
    const cached = perFile.get(fileName);
    if (cached && cached.text === text) return cached.found;
    const found = typeof needle === 'string' ? text.includes(needle) : needle.test(text);
    perFile.set(fileName, { text, found });
    return found;
  }

  /** The files of `texts` that contain `needle`. */
  filesContaining(needle: string, texts: ReadonlyMap<string, string>): readonly string[] {
    let entry = this.entries.get(needle);
    if (!entry || entry.logStart !== this.changeLogStart) {
      entry = { files: new Set(), list: undefined, logStart: this.changeLogStart, position: this.changeLog.length };
      for (const [fileName, text] of texts) if (this.contains(fileName, text, needle)) entry.files.add(fileName);
      this.entries.set(needle, entry);
    }
    for (; entry.position < this.changeLog.length; entry.position++) {
      const fileName = this.changeLog[entry.position]!;
      const had = entry.files.has(fileName);
      const has = this.contains(fileName, texts.get(fileName), needle);
      if (had !== has) {
        if (has) entry.files.add(fileName);
        else entry.files.delete(fileName);
        entry.list = undefined;
      }
    }
    return (entry.list ??= [...entry.files]);
  }

  /** A file's text changed, or the file appeared. */
  changed(fileName: string): void {
    if (this.changeLog.length >= MAX_CHANGE_LOG) {
      // Rather than keep an ever-growing log, start over: entries rebuild with one full scan.
      this.changeLog = [];
      this.changeLogStart++;
    }
    this.changeLog.push(fileName);
  }

  removed(fileName: string): void {
    for (const perFile of this.containsCache.values()) perFile.delete(fileName);
    this.changed(fileName);
  }
}
