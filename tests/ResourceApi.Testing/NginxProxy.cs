using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace ResourceApi.Testing;

/// <summary>
/// Debian's nginx as a loopback load balancer in front of API replicas: round robin, a replica that refuses a
/// connection is taken out for a minute and the request goes to the next one (nginx retries a POST only when
/// it was never sent), and each answer says which replica gave it (<c>X-Upstream</c>). Started in the
/// foreground and stopped by the PID this started; its files live in a temporary folder.
/// </summary>
public sealed class NginxProxy : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _folder;

    private NginxProxy(Process process, string folder, int port)
    {
        _process = process;
        _folder = folder;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    /// <summary>The response header naming the replica that answered (host:port), or several when nginx tried more than one.</summary>
    public const string UpstreamHeader = "X-Upstream";

    public static async Task<NginxProxy> StartAsync(IEnumerable<string> replicaBaseUrls)
    {
        const string binary = "/usr/sbin/nginx";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("nginx was not found at /usr/sbin/nginx. Install Debian's package: apt-get install -y nginx (.ci/run does).");
        }
        var folder = Directory.CreateTempSubdirectory("resourceapi-nginx-").FullName;
        var port = LoopbackPort.Unused();
        var servers = string.Concat(replicaBaseUrls.Select(url => $"    server {new Uri(url).Authority} max_fails=1 fail_timeout=60s;\n"));
        // As root the workers would drop to "nobody", who cannot write this folder: they stay root, on loopback only.
        var user = ServerProcess.IsRoot ? "user root;\n" : "";
        var config = $$"""
            {{user}}worker_processes 1;
            daemon off;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/error.log warn;
            events { worker_connections 512; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream api {
            {{servers}}    keepalive 32;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://api;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  # The address the client used, so every replica sees the same request URL (a DPoP proof's htu).
                  proxy_set_header Host $http_host;
                  proxy_connect_timeout 2s;
                  proxy_next_upstream error timeout;
                  add_header {{UpstreamHeader}} $upstream_addr always;
                }
              }
            }
            """;
        var configPath = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(configPath, config);

        var start = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { "-p", folder, "-e", Path.Combine(folder, "error.log"), "-c", configPath })
        {
            start.ArgumentList.Add(argument);
        }
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start nginx.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var proxy = new NginxProxy(process, folder, port);

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!await ListensAsync(port))
        {
            if (process.HasExited || DateTime.UtcNow > deadline)
            {
                var log = File.Exists(Path.Combine(folder, "error.log")) ? await File.ReadAllTextAsync(Path.Combine(folder, "error.log")) : "";
                await proxy.DisposeAsync();
                throw new InvalidOperationException($"nginx did not start on port {port.ToString(CultureInfo.InvariantCulture)}: {log}");
            }
            await Task.Delay(100);
        }
        return proxy;
    }

    private static async Task<bool> ListensAsync(int port)
    {
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            // SIGTERM to the master (the PID this started): it stops its workers and exits at once.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }
        _process.Dispose();
        Directory.Delete(_folder, recursive: true);
    }
}
