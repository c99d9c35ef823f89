import { useEffect, useState } from "react";

/** Whether the window is at least `breakpoint` px wide, and a chart width that fits it (updated on resize). */
export function useWidth(breakpoint: number): [boolean, number] {
  const read = () => (typeof window === "undefined" ? 1200 : window.innerWidth);
  const [width, setWidth] = useState(read);
  useEffect(() => {
    const onResize = () => setWidth(read());
    window.addEventListener("resize", onResize);
    return () => window.removeEventListener("resize", onResize);
  }, []);
  return [width >= breakpoint, Math.max(280, width - 48)];
}
