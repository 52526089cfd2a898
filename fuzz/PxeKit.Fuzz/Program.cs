using PxeKit.Fuzz;

return FuzzProgram.Run(args);
