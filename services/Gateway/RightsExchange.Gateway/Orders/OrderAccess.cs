using MassTransit;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Gateway.Auth;
using RightsExchange.Gateway.Problems;

namespace RightsExchange.Gateway.Orders;

/// <summary>
/// Endpoint filter for the operations on one order (<c>/api/orders/{orderId}</c>): loads the order and checks who asks
/// before the handler runs. 404 <c>ORDER_NOT_FOUND</c> for an unknown order; 403 <c>FORBIDDEN</c> when the caller
/// may not <paramref name="action"/> it: only its participant's traders may, and a regulator too when
/// <paramref name="regulatorMay"/>. The handler reads the order with <see cref="Loaded"/>.
/// </summary>
/// <param name="action">What the caller wants to do, in the 403's words: "amend", "cancel", "read".</param>
/// <param name="regulatorMay">Whether a regulator may do it to any order.</param>
public sealed class OrderAccess(string action, bool regulatorMay = false) : IEndpointFilter
{
    private const string Key = "rx-order";

    /// <summary>The order the filter loaded for this request.</summary>
    /// <exception cref="InvalidOperationException">The endpoint has no <see cref="OrderAccess"/> filter.</exception>
    public static OrderView Loaded(HttpContext http) =>
        http.Items[Key] as OrderView ?? throw new InvalidOperationException("The endpoint is not filtered by OrderAccess.");

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var orderId = Guid.Parse((string)http.Request.RouteValues["orderId"]!);
        var client = http.RequestServices.GetRequiredService<IRequestClient<GetOrder>>();
        var response = await client.GetResponse<OrderView, OrderNotFound>(new GetOrder(orderId), http.RequestAborted);
        if (!response.Is(out Response<OrderView>? found))
            return Problem.Of(ReasonCodes.OrderNotFound, "No such order", $"Order {orderId} is unknown.");
        var order = found!.Message;
        var user = http.User;
        var may = regulatorMay ? user.MayAccess(order.ParticipantId) : order.ParticipantId == user.ParticipantId();
        if (!may)
            return Problem.Forbidden($"Only the participant that placed an order may {action} it.");
        http.Items[Key] = order;
        return await next(context);
    }
}
