// Entry point of the `neuralnet` command; the commands themselves live in Commands/.
return 0;
