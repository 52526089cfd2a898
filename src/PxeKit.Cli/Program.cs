using PxeKit.Cli.Commands;

return await PxeKitCommand.Create().Parse(args).InvokeAsync().ConfigureAwait(false);
