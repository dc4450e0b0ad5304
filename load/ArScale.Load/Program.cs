using ArScale.Load.Cli;
using ArScale.Load.Scenarios;

// ArScale load scenarios: each one measures one figure on this machine's load profile
// (scripts/infra.sh --profile load) and writes load/results/<scenario>.md, .json and .png.
//
//   sink       the SMTP sink's ceiling: raw MailKit sessions flooding aiosmtpd      Scenarios/SinkCeiling.cs
//   notifier   e-mails per second from the notice-due queue to SMTP accept, with     Scenarios/NotifierThroughput.cs
//              1 and 2 Notifier processes; lost and duplicate e-mails must be 0
//
//   ingest     invoices per second accepted durably through the Gateway's batch API,  Scenarios/IngestThroughput.cs
//              and the batch latency; every invoice must be accepted once
//
//   scale      accounts with pending reminders on one silo: creation time, resident   Scenarios/ScaleHolding.cs
//              memory, the reminder refresh's cost, PostgreSQL sizes
//
// Planned next to them, same shape: storm, baseline.
//
//   dotnet run -c Release --project load/ArScale.Load -- <scenario> [--flag value ...]
//   dotnet run -c Release --project load/ArScale.Load -- help

IScenario[] scenarios =
[
    new SinkCeiling(),
    new NotifierThroughput(),
    new IngestThroughput(),
    new ScaleHolding(),
];

return await ScenarioRunner.RunAsync(scenarios, args);
