/**
 * A labelled checkbox styled as a switch, shared by the meeting panels.
 *
 * @module
 */
import type { JSX } from "preact";

/** A checkbox with its label; `onChange` gets the new checked state. */
export function Switch(props: {
  label: string;
  checked: boolean;
  onChange: (v: boolean) => void;
}): JSX.Element {
  return (
    <label class="switch">
      <input
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChange(e.currentTarget.checked)}
      />
      <span>{props.label}</span>
    </label>
  );
}
