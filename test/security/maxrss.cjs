// Preloaded (node --require) into the processes the security tests start: their peak memory, on
// stderr as they exit (stderr to a pipe is written synchronously on Linux and macOS).
process.on('exit', () => {
  process.stderr.write(`\n[maxrss-kb ${process.resourceUsage().maxRSS}]\n`);
});
