using System.Net;
using RightsExchange.Gateway.Webhooks;

namespace RightsExchange.UnitTests.Gateway;

/// <summary>Webhooks reach public addresses only, unless a host is allowed by name.</summary>
public sealed class WebhookTargetTests
{
    [Theory]
    [InlineData("http://localhost/hook")]
    [InlineData("http://127.0.0.1/hook")]
    [InlineData("http://2130706433/")]
    [InlineData("http://0x7f000001/")]
    [InlineData("http://10.1.2.3/")]
    [InlineData("http://172.16.0.1/")]
    [InlineData("http://192.168.1.1/")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://100.64.0.1/")]
    [InlineData("http://0.0.0.0/")]
    [InlineData("http://[::1]/")]
    [InlineData("http://[fe80::1]/")]
    [InlineData("http://[fd00::1]/")]
    [InlineData("http://[::ffff:127.0.0.1]/")]
    [InlineData("http://user:pass@93.184.215.14/")]
    public async Task An_internal_target_or_user_information_is_refused(string url) =>
        Assert.NotNull(await WebhookTargets.Refusal(new Uri(url), new WebhookOptions(), CancellationToken.None));

    [Theory]
    [InlineData("https://93.184.215.14/hook")]
    [InlineData("http://[2606:2800:21f:cb07:6820:80da:af6b:8b2c]/")]
    public async Task A_public_address_is_accepted(string url) =>
        Assert.Null(await WebhookTargets.Refusal(new Uri(url), new WebhookOptions(), CancellationToken.None));

    [Fact]
    public async Task An_allowed_host_is_accepted_though_it_is_loopback() =>
        Assert.Null(
            await WebhookTargets.Refusal(
                new Uri("http://127.0.0.1:5099/hook"),
                new WebhookOptions { AllowedHosts = ["127.0.0.1"] },
                CancellationToken.None
            )
        );

    [Theory]
    [InlineData("8.8.8.8", true)]
    [InlineData("172.32.0.1", true)]
    [InlineData("172.31.255.255", false)]
    [InlineData("224.0.0.1", false)]
    [InlineData("255.255.255.255", false)]
    public void Public_addresses_are_told_from_internal_ones(string address, bool isPublic) =>
        Assert.Equal(isPublic, WebhookTargets.IsPublic(IPAddress.Parse(address)));
}
