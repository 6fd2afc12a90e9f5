/**
 * A one-line progress bar on a terminal's stderr ("[#####-----] 120/240 files"). It redraws at most
 * every 100 ms and clears itself when done, so piped or redirected output never sees it.
 */
export function progressBar(write: (s: string) => void, width = 30): (done: number, total: number) => void {
  let last = 0;
  return (done, total) => {
    const now = Date.now();
    if (done < total && now - last < 100) return;
    last = now;
    const filled = total > 0 ? Math.round((done / total) * width) : width;
    write(`\r[${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${done}/${total} files`);
    if (done >= total) write(`\r${' '.repeat(width + 24)}\r`);
  };
}
