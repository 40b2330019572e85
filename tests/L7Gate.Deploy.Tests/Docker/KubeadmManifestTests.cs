using L7Gate.Deploy.Tests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace L7Gate.Deploy.Tests.Docker;

/// <summary>
/// The static-pod manifest for a kubeadm control plane (docker/kubeadm/l7gate.yaml): parsed and cross-checked
/// against the image and the kubeadm examples, since no kubelet runs here.
/// </summary>
public sealed class KubeadmManifestTests
{
    private static YamlMappingNode Pod()
    {
        var stream = new YamlStream();
        using var reader = new StreamReader(RepoPaths.Of("docker/kubeadm/l7gate.yaml"));
        stream.Load(reader);
        return (YamlMappingNode)stream.Documents.Single().RootNode;
    }

    private static YamlNode At(YamlNode node, params object[] path)
    {
        foreach (var step in path)
        {
            node = step is int i ? ((YamlSequenceNode)node).Children[i] : ((YamlMappingNode)node).Children[new YamlScalarNode((string)step)];
        }

        return node;
    }

    private static string Scalar(YamlNode node, params object[] path) => ((YamlScalarNode)At(node, path)).Value!;

    [Fact]
    public void Manifest_Parse_StaticPodOnHostNetworkInKubeSystem()
    {
        var pod = Pod();

        Assert.Equal("Pod", Scalar(pod, "kind"));
        Assert.Equal("kube-system", Scalar(pod, "metadata", "namespace"));
        Assert.Equal("true", Scalar(pod, "spec", "hostNetwork"));
    }

    [Fact]
    public void Manifest_Container_RootWithNetAdminNetRawAndSysNice()
    {
        var container = At(Pod(), "spec", "containers", 0);
        var added = ((YamlSequenceNode)At(container, "securityContext", "capabilities", "add")).Children.Select(c => ((YamlScalarNode)c).Value).ToList();

        Assert.Equal("0", Scalar(container, "securityContext", "runAsUser"));
        Assert.Contains("NET_ADMIN", added);
        Assert.Contains("NET_RAW", added);
        Assert.Contains("SYS_NICE", added);
    }

    [Fact]
    public void Manifest_Config_MountedWhereTheImageReadsIt()
    {
        var pod = Pod();
        var container = At(pod, "spec", "containers", 0);
        var args = ((YamlSequenceNode)At(container, "args")).Children.Select(c => ((YamlScalarNode)c).Value).ToList();
        var dockerfile = File.ReadAllText(RepoPaths.Of("Dockerfile"));

        Assert.Equal(["--config", "/etc/l7gate/appsettings.json"], args);
        Assert.Equal("/etc/l7gate/appsettings.json", Scalar(container, "volumeMounts", 0, "mountPath"));
        Assert.Equal("config", Scalar(pod, "spec", "volumes", 0, "name"));
        Assert.Contains("CMD [\"--config\", \"/etc/l7gate/appsettings.json\"]", dockerfile);
    }

    [Fact]
    public void Manifest_Probes_HitTheExamplesAdminListener()
    {
        var container = At(Pod(), "spec", "containers", 0);
        var example = File.ReadAllText(RepoPaths.Of("appsettings/examples/kubeadm-apiserver-node-a.json"));

        Assert.Equal("/healthz", Scalar(container, "livenessProbe", "httpGet", "path"));
        Assert.Contains($"\"Urls\": \"http://127.0.0.1:{Scalar(container, "livenessProbe", "httpGet", "port")}\"", example);
    }

    [Fact]
    public void Manifest_GracePeriod_LongerThanTheExamplesDrainTimeout()
    {
        var grace = int.Parse(Scalar(Pod(), "spec", "terminationGracePeriodSeconds"));
        var example = File.ReadAllText(RepoPaths.Of("appsettings/examples/kubeadm-apiserver-node-a.json"));

        Assert.Contains("\"DrainTimeout\": \"00:00:30\"", example);
        Assert.True(grace > 30, $"terminationGracePeriodSeconds {grace} must exceed the 30 s DrainTimeout");
    }
}
