namespace JinaClip;

/// <summary>Who may use a few-shot classifier's training data (<c>access</c> on <c>POST /v1/train</c>).</summary>
public enum ClassifierAccess
{
    /// <summary>Only your key (<c>"private"</c>). The SDK's default: the API's own default is public.</summary>
    Private,

    /// <summary>Public (<c>"public"</c>): the API's default when the field is left out.</summary>
    Public,
}
