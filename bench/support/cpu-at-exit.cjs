// Preloaded by bench/processes.ts (`node --require`): appends this process's CPU time (user + system,
// ms) to the file named by BENCH_CPU_FILE when it exits. Costs one small CommonJS file.
const { appendFileSync } = require("node:fs");
process.on("exit", () => {
  const usage = process.cpuUsage();
  if (process.env.BENCH_CPU_FILE) appendFileSync(process.env.BENCH_CPU_FILE, `${(usage.user + usage.system) / 1000}\n`);
});
