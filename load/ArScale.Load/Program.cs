using ArScale.Load.Cli;
using ArScale.Load.Mail.SmtpSink;
using ArScale.Load.Scenarios;
using ArScale.Load.Scenarios.Steady;

// ArScale load scenarios: each one measures one figure on this machine's load profile
// (scripts/infra.sh --profile load) and writes load/results/<scenario>.md, .json and .png.
//
//   sink       the SMTP sinks' ceiling: raw MailKit sessions flooding the .NET sink   Scenarios/SinkCeiling.cs
//              and aiosmtpd
//   notifier   e-mails per second from the notice-due queue to SMTP accept, with     Scenarios/NotifierThroughput.cs
//              K Notifier processes; lost and duplicate e-mails must be 0
//
//   ingest     invoices per second accepted durably through the Gateway's batch API,  Scenarios/IngestThroughput.cs
//              and the batch latency; every invoice must be accepted once
//
//   scale      accounts with pending reminders on one silo: creation time, resident   Scenarios/ScaleHolding.cs
//              memory, the reminder refresh's cost, PostgreSQL sizes
//
//   storm      K accounts whose notices fall due at the same instant: seconds to each   Scenarios/ReminderStorm.cs
//              e-mail at the sink, e-mails/s end to end; lost and duplicates must be 0
//   baseline   the storm on ArScale and on a Hangfire baseline (load/Baseline), same K,    Scenarios/HangfireBaseline.cs
//              same machine, one invocation: e-mails/s of each and their ratio
//   steady     notices falling due at a steady rate (the storm over a wake-up spread):     Scenarios/Steady/SteadyLoad.cs
//              seconds from each notice's own due instant to its e-mail, p99 per minute
//
//   faults     real failures injected mid-storm (silo or Notifier killed, SMTP or broker   Scenarios/FaultInjection.cs
//              down or hung): nothing lost, doubled or Failed, by four sources of truth
//
//   dotnet run -c Release --project load/ArScale.Load -- <scenario> [--flag value ...]
//   dotnet run -c Release --project load/ArScale.Load -- help
//
// The scenarios start the tool's own SMTP sink as a process of its own:
//   dotnet load/ArScale.Load/bin/Release/net10.0/ArScale.Load.dll smtp-sink --port N --log FILE   Mail/SmtpSink

if (args is [SmtpSinkCommand.Name, .. var sinkArguments])
{
    return await SmtpSinkCommand.RunAsync(sinkArguments);
}

IScenario[] scenarios =
[
    new SinkCeiling(),
    new NotifierThroughput(),
    new IngestThroughput(),
    new ScaleHolding(),
    new ReminderStorm(),
    new HangfireBaseline(),
    new SteadyLoad(),
    new FaultInjection(),
];

return await ScenarioRunner.RunAsync(scenarios, args);
