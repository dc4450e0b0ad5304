global using ArScale.Browser.Tests.Support;
global using Microsoft.Playwright;
global using static Microsoft.Playwright.Assertions;
