import { useEffect, useRef } from "react";

/** Mounts an Observable Plot figure (an SVG or figure element) and replaces it when `make` changes. */
export function PlotFigure({ make, testId }: { make: () => Element; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = make();
    ariaGroups(el);
    ref.current?.replaceChildren(el);
    return () => el.remove();
  }, [make]);
  return <div ref={ref} className="plot" data-testid={testId} />;
}

/**
 * Plot labels its mark groups (<g aria-label="bar">); ARIA permits a label only on an element with a
 * role, so each labelled group gets role="group" (screen readers then announce the marks by name).
 */
export function ariaGroups(root: Element): void {
  for (const g of root.querySelectorAll("g[aria-label]")) if (!g.hasAttribute("role")) g.setAttribute("role", "group");
}
