using NodaTime;
using RightsExchange.Contracts.MarketData.V1;
using RightsExchange.Contracts.Orders.V1;
using RightsExchange.Contracts.Reasons;
using RightsExchange.Contracts.Trading.V1;
using RightsExchange.Contracts.Values;

namespace RightsExchange.Matching.Engine;

// Block agreements (大宗协议, national ETS trading rules 2021): one party proposes a negotiated trade to a named
// counterparty, at least the block minimum, inside the block price limits, in the block session; the counterparty
// accepts (an order of the opposite side with the same quantity and price naming the proposal) or declines.
// Proposals not accepted by the end of the trading day expire.
public sealed partial class OrderBook
{
    private readonly Dictionary<Guid, BlockProposal> _proposals = new();

    private void ProposeBlock(OrderFunded order, Instant at, BookOutputs outputs)
    {
        if (CheckBlock(order.Quantity, order.LimitPrice, at) is { } reject)
        {
            outputs.Add().Rejected(order, reject.Reason, reject.Detail, at);
            return;
        }
        if (string.IsNullOrWhiteSpace(order.Counterparty) || order.Counterparty == order.ParticipantId)
        {
            outputs
                .Add()
                .Rejected(
                    order,
                    ReasonCodes.BlockCounterparty,
                    "A block trade is proposed to a named counterparty other than the proposer.",
                    at
                );
            return;
        }
        _proposals[order.OrderId] = new BlockProposal(
            order.OrderId,
            order.ParticipantId,
            order.Counterparty,
            order.Side,
            order.Quantity,
            order.LimitPrice
        );
        outputs.Add().Accepted(order, at);
        outputs.Add(
            new BlockTradeProposed(
                order.OrderId,
                InstrumentId,
                order.ParticipantId,
                order.Counterparty,
                order.Side,
                order.Quantity,
                order.LimitPrice,
                at
            )
        );
    }

    private void AcceptBlock(OrderFunded order, Guid proposalId, Instant at, BookOutputs outputs)
    {
        if (!_proposals.TryGetValue(proposalId, out var proposal))
        {
            outputs
                .Add()
                .Rejected(
                    order,
                    ReasonCodes.BlockProposalNotFound,
                    $"No open block proposal {proposalId} in {InstrumentId}: unknown, accepted, declined, cancelled or expired.",
                    at
                );
            return;
        }
        if (proposal.CounterpartyId != order.ParticipantId)
        {
            outputs
                .Add()
                .Rejected(order, ReasonCodes.NotBlockCounterparty, "Only the counterparty named in a block proposal may accept it.", at);
            return;
        }
        if (order.Side == proposal.Side || order.Quantity != proposal.Quantity || order.LimitPrice != proposal.Price)
        {
            outputs
                .Add()
                .Rejected(
                    order,
                    ReasonCodes.BlockTermsMismatch,
                    $"The acceptance must take the other side of {proposal.Quantity} {Opened.Unit} at {proposal.Price:0.00} CNY "
                        + $"({proposal.Side} proposed).",
                    at
                );
            return;
        }
        if (CheckBlock(order.Quantity, order.LimitPrice, at) is { } reject)
        {
            outputs.Add().Rejected(order, reject.Reason, reject.Detail, at);
            return;
        }
        _proposals.Remove(proposalId);
        outputs.Add().Accepted(order, at);
        var maker = new RestingOrder(
            proposal.ProposalId,
            proposal.ProposerId,
            proposal.Side,
            proposal.Price,
            proposal.Quantity,
            TimeInForce.Day,
            NoSlot
        );
        var taker = new RestingOrder(
            order.OrderId,
            order.ParticipantId,
            order.Side,
            order.LimitPrice,
            order.Quantity,
            TimeInForce.Day,
            NoSlot
        );
        maker.Fill(order.Quantity);
        taker.Fill(order.Quantity);
        Trade(outputs, taker, maker, proposal.Price, order.Quantity, TradeKind.Block, at);
        _day.BlockVolume += order.Quantity;
    }

    private void Decline(DeclineBlockTrade decline, Instant at, BookOutputs outputs)
    {
        if (!_proposals.TryGetValue(decline.ProposalId, out var proposal))
        {
            outputs.Add(
                new CancelRejected(
                    decline.ProposalId,
                    decline.ParticipantId,
                    ReasonCodes.OrderNotFound,
                    $"No open block proposal {decline.ProposalId} in {InstrumentId}.",
                    at
                )
            );
            return;
        }
        if (proposal.CounterpartyId != decline.ParticipantId)
        {
            outputs.Add(
                new CancelRejected(
                    decline.ProposalId,
                    decline.ParticipantId,
                    ReasonCodes.NotBlockCounterparty,
                    "Only the counterparty named in a block proposal may decline it.",
                    at
                )
            );
            return;
        }
        _proposals.Remove(decline.ProposalId);
        outputs.Add(CancelledProposal(proposal, at, ReasonCodes.BlockDeclined));
    }

    /// <summary>The proposer withdraws its own proposal, or a seller or bidder cancels an auction offer or bid.</summary>
    private bool CancelBlockOrAuction(CancelOrder cancel, Instant at, BookOutputs outputs)
    {
        if (_proposals.TryGetValue(cancel.OrderId, out var proposal))
        {
            if (proposal.ProposerId != cancel.ParticipantId)
                outputs.Add(
                    new CancelRejected(
                        cancel.OrderId,
                        cancel.ParticipantId,
                        ReasonCodes.NotOrderOwner,
                        "Only the proposer may withdraw a block proposal; the counterparty declines it.",
                        at
                    )
                );
            else
            {
                _proposals.Remove(cancel.OrderId);
                outputs.Add(CancelledProposal(proposal, at, ReasonCodes.Cancelled));
            }
            return true;
        }
        return CancelAuctionOrder(cancel, at, outputs);
    }

    private void ExpireBlockProposals(Instant at, BookOutputs outputs)
    {
        foreach (var proposal in _proposals.Values.OrderBy(p => p.ProposalId))
            outputs.Add(CancelledProposal(proposal, at, ReasonCodes.Expired));
        _proposals.Clear();
    }

    private (string Reason, string Detail)? CheckBlock(decimal quantity, decimal price, Instant at)
    {
        if (Halted)
            return (ReasonCodes.InstrumentHalted, $"Trading in {InstrumentId} is halted: {HaltReason}.");
        if (!Calendar.IsBlockSession(at))
            return (
                ReasonCodes.OutsideBlockSession,
                $"Block trades are proposed and accepted only in the block session: {Calendar.DescribeBlockSessions()}."
            );
        if (quantity <= 0 || quantity % LotSize != 0)
            return (ReasonCodes.QuantityStep, $"Quantity must be a positive multiple of {LotSize} {Opened.Unit}.");
        if (Rules.BlockMinimumQuantity is { } min && quantity < min)
            return (ReasonCodes.BlockBelowMinimum, $"A block trade is at least {min} {Opened.Unit}.");
        if (price <= 0 || price % Rules.TickSize != 0)
            return (ReasonCodes.PriceTick, $"The price must be a positive multiple of {Rules.TickSize} CNY.");
        if (BlockPriceBand is { } band && (price < band.Low || price > band.High))
            return (
                ReasonCodes.PriceOutsideBlockLimits,
                $"Today's block price limits are {band.Low:0.00} to {band.High:0.00} CNY ({Rules.BlockPriceLimitPercent}% around "
                    + $"{ReferencePrice:0.00})."
            );
        return null;
    }

    /// <summary>The proposal closed unfilled (declined, withdrawn or expired): its units or cash are released.</summary>
    private OrderCancelled CancelledProposal(BlockProposal proposal, Instant at, string reason) =>
        new(proposal.ProposalId, proposal.ProposerId, InstrumentId, proposal.Side, proposal.Quantity, at, reason);

    private sealed record BlockProposal(
        Guid ProposalId,
        string ProposerId,
        string CounterpartyId,
        Side Side,
        decimal Quantity,
        decimal Price
    );
}
