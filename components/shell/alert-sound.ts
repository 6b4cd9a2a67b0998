"use client";

// The alert sound and its mute switch. Muting is kept in this browser (localStorage), not
// on the server: whether a sound is welcome depends on the device and the room (the
// office desktop, a phone in a meeting), so muting one should not silence the others.
import { useSyncExternalStore } from "react";

const MUTED_KEY = "fila.alertSound.muted";
const CHANGED = "fila:alert-sound";

let audio: HTMLAudioElement | null = null;

export function isSoundMuted(): boolean {
  try {
    return window.localStorage.getItem(MUTED_KEY) === "1";
  } catch {
    return false;
  }
}

export function setSoundMuted(muted: boolean) {
  try {
    if (muted) window.localStorage.setItem(MUTED_KEY, "1");
    else window.localStorage.removeItem(MUTED_KEY);
  } catch {
    // Private mode without storage: the switch lasts for this page only.
  }
  window.dispatchEvent(new Event(CHANGED));
}

/** Plays the alert once, unless muted. Autoplay rules may refuse until the page had a click; the alert shows anyway. */
export function playAlertSound() {
  if (isSoundMuted()) return;
  audio ??= Object.assign(new Audio("/sounds/assigned.wav"), { preload: "auto", volume: 0.6 });
  audio.currentTime = 0;
  audio.play().catch(() => {});
}

const subscribe = (onChange: () => void) => {
  window.addEventListener(CHANGED, onChange);
  window.addEventListener("storage", onChange);
  return () => {
    window.removeEventListener(CHANGED, onChange);
    window.removeEventListener("storage", onChange);
  };
};

export function useSoundMuted(): boolean {
  return useSyncExternalStore(subscribe, isSoundMuted, () => false);
}

// Alerts for conversations arriving in my groups' queues ("a new conversation waits in
// Financeiro"), on by default, with their own switch kept the same way.
const QUEUE_OFF_KEY = "fila.queueAlerts.off";

export function queueAlertsOn(): boolean {
  try {
    return window.localStorage.getItem(QUEUE_OFF_KEY) !== "1";
  } catch {
    return true;
  }
}

export function setQueueAlertsOn(on: boolean) {
  try {
    if (on) window.localStorage.removeItem(QUEUE_OFF_KEY);
    else window.localStorage.setItem(QUEUE_OFF_KEY, "1");
  } catch {
    // Private mode without storage: the switch lasts for this page only.
  }
  window.dispatchEvent(new Event(CHANGED));
}

export function useQueueAlertsOn(): boolean {
  return useSyncExternalStore(subscribe, queueAlertsOn, () => true);
}
