import { useEffect, useRef } from "react";

/** Mounts an Observable Plot figure (an SVG or figure element) and replaces it when `make` changes. */
export function PlotFigure({ make, testId }: { make: () => Element; testId?: string }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = make();
    ref.current?.replaceChildren(el);
    return () => el.remove();
  }, [make]);
  return <div ref={ref} className="plot" data-testid={testId} />;
}
