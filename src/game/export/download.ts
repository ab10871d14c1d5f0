import type { ExportFile } from '../../pipeline/export/files';

/** Saves files through the browser's download mechanism, one after another. */
export function downloadFiles(files: readonly ExportFile[]): void {
  files.forEach((file, i) => {
    // Chrome drops downloads started in the same tick; space them a little.
    setTimeout(() => {
      const part = typeof file.content === 'string' ? file.content : new Uint8Array(file.content);
      const url = URL.createObjectURL(new Blob([part], { type: file.mime }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.name;
      a.style.display = 'none';
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 5000);
    }, i * 150);
  });
}
