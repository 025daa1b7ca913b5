/**
 * The paper of a print view while it is open: its @page rule in a style element, and on the body
 * `print-view` (base.css drops the app's frame on paper) with the view's own class (its stylesheet
 * leaves only what it prints). Added to the document only
 * then, since @page cannot be scoped by a selector and each print view has its own paper (passes
 * on A6, the gate notice on A4); gone with the view.
 */
import { useEffect } from 'react';

/** On the body while any print view is open (base.css). */
const PRINT_VIEW = 'print-view';

export function usePrintPaper(page: string, bodyClass: string, name: string): void {
  useEffect(() => {
    const paper = document.createElement('style');
    paper.dataset[name] = 'page';
    paper.textContent = page;
    document.head.append(paper);
    document.body.classList.add(PRINT_VIEW, bodyClass);
    return () => {
      document.body.classList.remove(PRINT_VIEW, bodyClass);
      paper.remove();
    };
  }, [page, bodyClass, name]);
}
