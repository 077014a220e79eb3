using System.Collections;
using System.Net;
using EnterpriseDistrib.Agent.Configuration;
using Microsoft.Extensions.Configuration;

namespace EnterpriseDistrib.Agent.Tests.Configuration;

public sealed class AgentSettingsBinderTests
{
    private static AgentSettings Bind(IDictionary environment, params string[] commandLine) =>
        AgentSettingsBinder.Bind(new ConfigurationBuilder().AddAgentSources("/nonexistent", commandLine, environment).Build());

    [Fact]
    public void Short_environment_variables_set_the_agent_section_and_the_command_line_wins()
    {
        var environment = new Hashtable
        {
            ["EDIST_AGENT_SERVERURLS"] = "http://127.0.0.1:5080; http://127.0.0.2:5080/",
            ["EDIST_AGENT_BINDADDRESS"] = "127.0.0.3",
            ["EDIST_AGENT_POLLINTERVAL"] = "30",
            ["EDIST_AGENT_DATAFOLDER"] = "/tmp/agent-a",
        };

        var settings = Bind(environment, "--Agent:PollInterval=00:00:45");

        Assert.Equal(["http://127.0.0.1:5080/", "http://127.0.0.2:5080/"], settings.ServerUrls.Select(u => u.AbsoluteUri));
        Assert.Equal(IPAddress.Parse("127.0.0.3"), settings.BindAddress);
        Assert.Equal(TimeSpan.FromSeconds(45), settings.PollInterval);
        Assert.Equal("/tmp/agent-a", settings.DataFolder);
    }

    [Fact]
    public void Every_bad_value_is_listed_in_one_error()
    {
        var environment = new Hashtable
        {
            ["EDIST_AGENT_SERVERURLS"] = "ftp://server",
            ["EDIST_AGENT_BINDADDRESS"] = "not-an-ip",
            ["EDIST_AGENT_JITTER"] = "lots",
            ["EDIST_AGENT_PEERPORT"] = "70000",
        };

        var error = Assert.Throws<AgentConfigurationException>(() => Bind(environment));

        Assert.Equal(3, error.Problems.Count);
        Assert.Contains(error.Problems, p => p.Contains("ftp://server", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("not-an-ip", StringComparison.Ordinal));
        Assert.Contains(error.Problems, p => p.Contains("Jitter", StringComparison.Ordinal));
    }

    [Fact]
    public void Validation_refuses_a_backoff_ceiling_below_its_start_and_a_batch_over_the_servers_limit()
    {
        var settings = new AgentSettings { BackoffInitial = TimeSpan.FromMinutes(2), BackoffMax = TimeSpan.FromMinutes(1), StatusBatchSize = 501 };

        var error = Assert.Throws<AgentConfigurationException>(() => settings.Validate());

        Assert.Equal(2, error.Problems.Count);
    }

    [Fact]
    public void Cache_bandwidth_and_install_settings_bind_with_defaults_and_are_checked()
    {
        var defaults = Bind(new Hashtable());
        var settings = Bind(
            new Hashtable { ["EDIST_AGENT_CACHEQUOTASHARE"] = "0.3", ["EDIST_AGENT_DOWNLOADRATELIMIT"] = "1048576" },
            "--Agent:BusinessHoursStart=08:00", "--Agent:BusinessHoursEnd=18:00", "--Agent:BusinessHoursUploadRateLimit=65536", "--Agent:InstallAttempts=5");
        var bad = Assert.Throws<AgentConfigurationException>(() => Bind(
            new Hashtable(), "--Agent:CacheQuotaShare=1.5", "--Agent:BusinessHoursStart=08:00", "--Agent:UploadRateLimit=fast"));

        Assert.Equal(0.2, defaults.CacheQuotaShare);
        Assert.Equal(TimeSpan.FromDays(7), defaults.CacheRetention);
        Assert.Equal(3, defaults.InstallAttempts);
        Assert.Equal(0.3, settings.CacheQuotaShare);
        Assert.Equal(1048576, settings.DownloadRateLimit);
        Assert.Equal(TimeSpan.FromHours(8), settings.BusinessHoursStart);
        Assert.Equal(65536, settings.BusinessHoursUploadRateLimit);
        Assert.Equal(5, settings.InstallAttempts);
        Assert.Contains(bad.Problems, p => p.Contains("UploadRateLimit 'fast'", StringComparison.Ordinal));
    }
}
