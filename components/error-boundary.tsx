"use client";

// Keeps a failure in one part of a screen inside that part (issue 11 finding 9): the
// rest of the inbox stays usable, and the part offers to try again or to go back.
import { Component, type ReactNode } from "react";

type Props = { fallback: (reset: () => void) => ReactNode; children: ReactNode; resetKey?: unknown };

export class ErrorBoundary extends Component<Props, { failed: boolean; resetKey: unknown }> {
  state = { failed: false, resetKey: this.props.resetKey };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  static getDerivedStateFromProps(props: Props, state: { failed: boolean; resetKey: unknown }) {
    // Another conversation (say) starts afresh.
    return props.resetKey !== state.resetKey ? { failed: false, resetKey: props.resetKey } : null;
  }

  componentDidCatch(error: unknown) {
    console.error("[fila] a part of the screen failed:", error);
  }

  render() {
    return this.state.failed ? this.props.fallback(() => this.setState({ failed: false })) : this.props.children;
  }
}
