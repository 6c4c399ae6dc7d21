// The time-lapse player: the build's screenshots in order, played, paused or scrubbed.
// It steps through stills rather than running the animated picture, so it can pause
// and be scrubbed, and with reduced motion it never plays by itself.

import { $ } from "./dom.js";

const FRAME_MS = 900;

export function mountTimelapse(root, frames) {
  if (!root || frames.length < 2) return null;
  const image = $("[data-timelapse-img]", root);
  const play = $("[data-timelapse-play]", root);
  const scrub = $("[data-timelapse-scrub]", root);
  const position = $("[data-timelapse-pos]", root);
  let index = frames.length - 1;
  let timer = null;

  const show = (next) => {
    index = next;
    image.src = frames[index];
    scrub.value = String(index);
    scrub.setAttribute("aria-valuetext", `Picture ${index + 1} of ${frames.length}`);
    position.textContent = `${index + 1} / ${frames.length}`;
  };
  const stop = () => {
    clearInterval(timer);
    timer = null;
    play.textContent = "Play";
    play.setAttribute("aria-pressed", "false");
    root.dataset.playing = "false";
  };
  const start = () => {
    if (index >= frames.length - 1) show(0);
    play.textContent = "Pause";
    play.setAttribute("aria-pressed", "true");
    root.dataset.playing = "true";
    timer = setInterval(() => {
      if (index >= frames.length - 1) return stop();
      show(index + 1);
    }, FRAME_MS);
  };

  scrub.max = String(frames.length - 1);
  play.addEventListener("click", () => (timer ? stop() : start()));
  scrub.addEventListener("input", () => {
    stop();
    show(Number(scrub.value));
  });
  for (const url of frames) new Image().src = url;
  show(index);
  root.hidden = false;
  return { show, stop };
}
