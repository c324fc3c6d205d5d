using JinaClip.Models;

namespace JinaClip.Classify;

/// <summary>
/// Checks a zero-shot call's labels before anything is sent (the API call's and the local classifier's alike): no empty
/// or repeated label or group, and, when limits are asked for, the API's counts (512 plain labels, 8 groups of
/// at most 64).
/// </summary>
internal static class LabelChecks
{
    public static string[] Plain(IEnumerable<string> labels, bool limits, string paramName)
    {
        ArgumentNullException.ThrowIfNull(labels, paramName);
        var list = labels.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("Give at least one label to classify against.", paramName);
        }

        if (limits && list.Length > ModelCatalog.MaxLabels)
        {
            throw new ArgumentException(
                $"{list.Length:N0} labels are more than the API takes in one call ({ModelCatalog.MaxLabels}); use fewer labels, or label groups (up to {ModelCatalog.MaxLabelGroups} of {ModelCatalog.MaxLabelsPerGroup}).",
                paramName);
        }

        CheckEach(list, null, paramName);
        return list;
    }

    public static LabelGroup[] Groups(IEnumerable<LabelGroup> groups, bool limits, string paramName)
    {
        ArgumentNullException.ThrowIfNull(groups, paramName);
        var list = groups.ToArray();
        if (list.Length == 0)
        {
            throw new ArgumentException("Give at least one label group to classify against.", paramName);
        }

        if (limits && list.Length > ModelCatalog.MaxLabelGroups)
        {
            throw new ArgumentException($"{list.Length} label groups are more than the API takes ({ModelCatalog.MaxLabelGroups}).", paramName);
        }

        var names = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var g = 0; g < list.Length; g++)
        {
            var group = list[g] ?? throw new ArgumentException($"Label group {g} is null.", paramName);
            if (string.IsNullOrWhiteSpace(group.Name))
            {
                throw new ArgumentException($"Label group {g} has an empty name.", paramName);
            }

            if (names.TryGetValue(group.Name, out var first))
            {
                throw new ArgumentException($"Label group {g} ('{group.Name}') repeats the name of group {first}.", paramName);
            }

            names[group.Name] = g;
            if (group.Labels.Count == 0)
            {
                throw new ArgumentException($"Label group {g} ('{group.Name}') has no labels.", paramName);
            }

            if (limits && group.Labels.Count > ModelCatalog.MaxLabelsPerGroup)
            {
                throw new ArgumentException(
                    $"Label group {g} ('{group.Name}') has {group.Labels.Count} labels; the API takes at most {ModelCatalog.MaxLabelsPerGroup} per group.", paramName);
            }

            CheckEach(group.Labels, group, paramName);
        }

        return list;
    }

    private static void CheckEach(IReadOnlyList<string> labels, LabelGroup? group, string paramName)
    {
        var where = group is null ? string.Empty : $" of group '{group.Name}'";
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < labels.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(labels[i]))
            {
                throw new ArgumentException($"Label {i}{where} is {(labels[i] is null ? "null" : "empty")}.", paramName);
            }

            if (seen.TryGetValue(labels[i], out var first))
            {
                throw new ArgumentException($"Label {i}{where} ('{labels[i]}') repeats label {first}; each label may appear once.", paramName);
            }

            seen[labels[i]] = i;
        }
    }
}
