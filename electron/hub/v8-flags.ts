// The V8 heap limits the hub's process runs with (`npm run serve`, `npm start`, the bench). A store
// PC has little memory to spare: with V8's defaults the heap grows to ~200 MB while a large backlog
// drains, because the young generation (16 MB semi-spaces) and the old-space growth heuristics
// assume memory is plentiful. Smaller semi-spaces and an old-space limit make V8 collect sooner —
// peak RSS stays ~120–130 MB with a million deliveries queued and draining — while the old space
// keeps 512 MB of headroom, four times what the hub ever needs. `--optimize-for-size`, used before,
// kept memory low too but cost about a fifth of the drain rate (it also de-tunes the compiler).
// package.json passes these literally (npm scripts can't import them); a test keeps the two equal.
export const HUB_V8_FLAGS = ['--max-semi-space-size=8', '--max-old-space-size=512'] as const;
