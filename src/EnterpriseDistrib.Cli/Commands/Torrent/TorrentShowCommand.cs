using System.CommandLine;
using System.Globalization;
using EnterpriseDistrib.Cli.Terminal;
using EnterpriseDistrib.Torrent.Metainfo;

namespace EnterpriseDistrib.Cli.Commands.Torrent;

/// <summary><c>edist torrent show</c>: what a .torrent holds, for a person.</summary>
internal static class TorrentShowCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("torrent") { Description = "The .torrent file." };
        var command = new Command("show", "Show a torrent's info-hash, files, sizes, pieces and trackers.") { file };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var metainfo = await TorrentMetainfo.LoadAsync(parse.GetValue(file)!, cancellationToken);
            Print(metainfo, Console.Out);
            return 0;
        });
        return command;
    }

    public static void Print(TorrentMetainfo metainfo, TextWriter output)
    {
        var layout = metainfo.Layout;
        output.WriteLine($"Name:        {metainfo.Name}");
        output.WriteLine($"Info-hash:   {metainfo.InfoHash}");
        output.WriteLine($"Size:        {ByteSize.Format(layout.TotalLength)} ({layout.TotalLength.ToString("N0", CultureInfo.InvariantCulture)} bytes)");
        output.WriteLine($"Pieces:      {layout.PieceCount} of {ByteSize.Format(layout.PieceLength)}");
        output.WriteLine($"Private:     {(metainfo.IsPrivate ? "yes" : "no")}");
        if (metainfo.CreatedBy is { } createdBy)
        {
            output.WriteLine($"Created by:  {createdBy}");
        }

        if (metainfo.CreationDate is { } created)
        {
            output.WriteLine($"Created:     {created:u}");
        }

        if (metainfo.Comment is { } comment)
        {
            output.WriteLine($"Comment:     {comment}");
        }

        foreach (var tracker in metainfo.Trackers)
        {
            output.WriteLine($"Tracker:     {tracker}");
        }

        foreach (var seed in metainfo.WebSeeds)
        {
            output.WriteLine($"Web seed:    {seed}");
        }

        output.WriteLine($"Files ({layout.Files.Length}):");
        foreach (var entry in layout.Files)
        {
            output.WriteLine($"  {ByteSize.Format(entry.Length),10}  {string.Join('/', entry.Path)}");
        }
    }
}
