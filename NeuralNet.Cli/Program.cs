// Placeholder entry point so the solution builds on branch perf; the real CLI lands from main (take main's file on merge).
return 0;
