/**
 * The paper of a print view while it is open: its @page rule in a style element and a class on
 * the body for the print stylesheet to leave only what is printed. Added to the document only
 * then, since @page cannot be scoped by a selector and each print view has its own paper (passes
 * on A6, the gate notice on A4); gone with the view.
 */
import { useEffect } from 'react';

export function usePrintPaper(page: string, bodyClass: string, name: string): void {
  useEffect(() => {
    const paper = document.createElement('style');
    paper.dataset[name] = 'page';
    paper.textContent = page;
    document.head.append(paper);
    document.body.classList.add(bodyClass);
    return () => {
      document.body.classList.remove(bodyClass);
      paper.remove();
    };
  }, [page, bodyClass, name]);
}
