// After a navigation, focus moves to the new page's heading, so that keyboard and screen-reader
// users start at the top of what changed (the first page load keeps the browser's focus).

import { useEffect, useRef } from 'react';
import { useLocation } from 'react-router';

export function RouteFocus() {
  const location = useLocation();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const timer = setTimeout(() => document.querySelector<HTMLElement>('main h1')?.focus(), 0);
    return () => clearTimeout(timer);
  }, [location.pathname]);
  return null;
}
