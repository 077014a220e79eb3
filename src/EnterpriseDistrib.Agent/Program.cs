using EnterpriseDistrib.Agent.Hosting;
using Microsoft.Extensions.Logging;

return await new AgentCli(Console.Out, Console.Error, logging => logging.AddSimpleConsole(options => options.SingleLine = true)).InvokeAsync(args);
