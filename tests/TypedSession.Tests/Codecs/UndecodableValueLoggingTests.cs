using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using TypedSession.Generated;
using TypedSession.Tests.Codecs.Support;

namespace TypedSession.Tests.Codecs;

public sealed class UndecodableValueLoggingTests
{
    private const string Secret = "s3cr3t-Value-7f1d";

    [Fact]
    public async Task In_a_request_the_warning_goes_to_the_request_logger_and_names_the_key_but_never_the_value()
    {
        var session = new InMemorySession();
        session.Set("ApiToken", System.Text.Encoding.UTF8.GetBytes("{\"Street\":\"" + Secret));
        session.Set("Count", System.Text.Encoding.UTF8.GetBytes(Secret));

        var records = await InRequestAsync(() =>
        {
            Assert.Null(SessionValues.ReadJson(session, "ApiToken", CodecJsonContext.Default.Address));
            Assert.Equal(0, SessionValues.Read<Int32Codec, int>(session, "Count"));
        });

        Assert.Equal(2, records.Count);
        Assert.All(records, record =>
        {
            Assert.Equal(LogLevel.Warning, record.Level);
            Assert.Equal("TypedSession.Generated", record.Category);
            Assert.DoesNotContain(Secret, record.Message);
            Assert.DoesNotContain(Secret, record.Exception?.ToString() ?? "");
            Assert.All(record.StructuredState ?? [], pair => Assert.DoesNotContain(Secret, pair.Value ?? ""));
        });
        Assert.Contains("'ApiToken'", records[0].Message);
        Assert.Contains("Address", records[0].Message);
        Assert.Contains("'Count'", records[1].Message);
        Assert.Contains("Int32", records[1].Message);
    }

    [Fact]
    public async Task A_constructor_or_setter_that_throws_while_decoding_is_a_warning_naming_the_key_not_an_exception()
    {
        var session = new InMemorySession();
        session.Set("Range", System.Text.Encoding.UTF8.GetBytes("{\"Low\":5,\"High\":1}"));
        session.Set("Name", System.Text.Encoding.UTF8.GetBytes("{\"Name\":\"\"}"));

        var records = await InRequestAsync(() =>
        {
            var typed = ObjectCodec.ThrowingSession.Create(session);
            Assert.Null(typed.Range);
            Assert.Null(typed.Name);
        });

        Assert.Equal(2, records.Count);
        Assert.All(records, record => Assert.Equal(LogLevel.Warning, record.Level));
        Assert.Contains("'Range'", records[0].Message);
        Assert.Contains("ArgumentException", records[0].Message);
        Assert.Contains("'Name'", records[1].Message);
        Assert.Contains("ArgumentOutOfRangeException", records[1].Message);
    }

    [Fact]
    public async Task A_session_that_listens_hears_the_report_instead_of_the_logger()
    {
        var session = new ReportingSession();
        session.Set("Count", [1]);

        var records = await InRequestAsync(() => SessionValues.Read<Int32Codec, int>(session, "Count"));

        Assert.Empty(records);
        Assert.Equal("Count", Assert.Single(session.Reports).Key);
    }

    [Fact]
    public void Outside_a_request_the_warning_goes_to_the_fallback_logger()
    {
        var key = $"Outside-{Guid.NewGuid():N}";
        var session = new InMemorySession();
        session.Set(key, [1]);
        using var loggerFactory = new LoggerFactory();
        var collector = new FakeLogCollector();
        loggerFactory.AddProvider(new FakeLoggerProvider(collector));
        UndecodableValues.UseFallbackLogger(loggerFactory);
        try
        {
            SessionValues.Read<Int32Codec, int>(session, key);
        }
        finally
        {
            UndecodableValues.UseFallbackLogger(NullLoggerFactory.Instance);
        }

        Assert.Contains(collector.GetSnapshot(), record => record.Message.Contains($"'{key}'"));
    }

    // Runs the action as if inside a request of a host whose logging is a FakeLogger, and returns what it logged.
    private static async Task<IReadOnlyList<FakeLogRecord>> InRequestAsync(Action action)
    {
        var services = new ServiceCollection().AddLogging(logging => logging.AddFakeLogging()).BuildServiceProvider();
        await using (services.ConfigureAwait(false))
        {
            var accessor = new HttpContextAccessor { HttpContext = new DefaultHttpContext { RequestServices = services } };
            try
            {
                await Task.Yield();
                action();
            }
            finally
            {
                accessor.HttpContext = null;
            }
            return services.GetFakeLogCollector().GetSnapshot();
        }
    }
}
