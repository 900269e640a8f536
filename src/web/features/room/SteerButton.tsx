import type { ComponentProps } from 'react';
import { Button } from '../../ui/Button';
import styles from './room.module.css';

/**
 * A chair's button that may be unavailable for a moment (its intent on the way, the last turn
 * reached). It stays focusable with aria-disabled rather than `disabled`, so a keyboard user who
 * presses "Next turn" keeps their place instead of being dropped to the top of the page.
 */
export function SteerButton({ unavailable, onClick, className, ...rest }: ComponentProps<typeof Button> & { unavailable: boolean }) {
  return (
    <Button
      {...rest}
      aria-disabled={unavailable || undefined}
      className={[className, unavailable ? styles.unavailable : ''].filter(Boolean).join(' ') || undefined}
      onClick={(e) => {
        if (!unavailable) onClick?.(e);
      }}
    />
  );
}
