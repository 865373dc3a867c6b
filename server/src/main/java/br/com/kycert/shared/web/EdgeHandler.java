package br.com.kycert.shared.web;

import br.com.kycert.api.model.ProblemCode;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultLastHttpContent;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * The HTTP edge, right behind Netty's decoder, for what must be decided before Micronaut sees a request:
 * <ul>
 *   <li>requests the decoder could not read (request line over the limit: 414, header block over the limit: 431,
 *       control characters in a header, a space in the path: 400) are answered here as problems with a request id
 *       and the API version, because Micronaut's filters never run for them;</li>
 *   <li>the JSON body of an API request is read here first and inspected ({@link JsonBodyInspector}: exactly one
 *       JSON value, valid UTF-8, no unpaired surrogates, intact chunked framing); a defect is marked on the request
 *       for {@link StrictBodyFilter}, which answers 400 after authentication;</li>
 *   <li>{@code Accept-Encoding} is reduced to the encodings every HTTP client can decode (gzip, deflate): Netty
 *       would otherwise pick snappy, brotli or zstd for {@code *};</li>
 *   <li>{@code Accept} on {@code /api/**} is negotiated here with media ranges and q-values (Micronaut matches
 *       neither {@code application/*} nor {@code q=0}): an acceptable one becomes {@code application/json}; a
 *       refused one is marked for {@link NegotiationFilter}, which answers 406 after authentication. On the health
 *       probes it becomes {@code application/json}, whatever it was: a load balancer's probe is never 406.</li>
 * </ul>
 */
final class EdgeHandler extends ChannelDuplexHandler {

    /** Set by this handler only (a client's copy is removed first): JSON is not acceptable to this client. */
    static final String NOT_ACCEPTABLE_MARK = "x-kycert-internal-not-acceptable";
    /** Set by this handler only: what {@link JsonBodyInspector} found wrong with the body. */
    static final String BODY_DEFECT_MARK = "x-kycert-internal-body-defect";

    private final Function<EdgeProblem, byte[]> renderer;
    private final int maxRequestLine;
    private final int maxHeaderBlock;
    private final long maxBody;
    private boolean discarding;
    private boolean closeAfterResponse;
    /** An API request with a JSON body, held until its body is in so the body can be inspected first. */
    private HttpRequest held;

    private final List<HttpContent> heldContent = new ArrayList<>();
    private long heldBytes;

    /** A problem decided at the edge, before any request object exists. */
    record EdgeProblem(HttpResponseStatus status, ProblemCode code, String detail, String requestId) {}

    EdgeHandler(Function<EdgeProblem, byte[]> renderer, int maxRequestLine, int maxHeaderBlock, long maxBody) {
        this.renderer = renderer;
        this.maxBody = maxBody;
        this.maxRequestLine = maxRequestLine;
        this.maxHeaderBlock = maxHeaderBlock;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest request) {
            if (request.decoderResult().isFailure()) {
                ReferenceCountUtil.release(msg);
                discarding = true;
                refuse(ctx, request.decoderResult().cause());
                return;
            }
            discarding = false;
            normalise(request);
            if (holdsBody(request)) {
                if (HttpUtil.is100ContinueExpected(request)) {
                    // The body is read here, so the interim answer is ours to send.
                    HttpUtil.set100ContinueExpected(request, false);
                    ctx.writeAndFlush(new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.CONTINUE));
                }
                held = request;
                if (msg instanceof HttpContent content) {
                    hold(ctx, content);
                }
                return;
            }
        }
        if (discarding) {
            ReferenceCountUtil.release(msg);
            return;
        }
        if (held != null && msg instanceof HttpContent content) {
            hold(ctx, content);
            return;
        }
        if (msg instanceof HttpContent content && content.decoderResult().isFailure()) {
            // Chunked framing broke after some valid data: fail the body so the request is refused, and close the
            // connection once it is answered (the decoder discards everything after a framing error).
            Throwable cause = content.decoderResult().cause();
            ReferenceCountUtil.release(msg);
            discarding = true;
            closeAfterResponse = true;
            ctx.fireExceptionCaught(new MalformedBodyException(cause));
            return;
        }
        super.channelRead(ctx, msg);
    }

    /** JSON bodies of API requests are inspected; anything else passes untouched. */
    private static boolean holdsBody(HttpRequest request) {
        String uri = request.uri();
        if (!uri.startsWith("/api/")) {
            return false;
        }
        boolean announced = HttpUtil.isTransferEncodingChunked(request) || HttpUtil.getContentLength(request, 0L) > 0;
        String type = request.headers().get(HttpHeaderNames.CONTENT_TYPE);
        return announced
                && type != null
                && type.split(";", 2)[0].strip().toLowerCase(Locale.ROOT).equals("application/json");
    }

    private void hold(ChannelHandlerContext ctx, HttpContent content) {
        if (content.decoderResult().isFailure()) {
            ReferenceCountUtil.release(content);
            closeAfterResponse = true;
            discarding = true;
            releaseHeld(JsonBodyInspector.MALFORMED_FRAMING, ctx);
            return;
        }
        heldBytes += content.content().readableBytes();
        heldContent.add(content);
        if (heldBytes > maxBody) {
            // Too large to be inspected: the server refuses it by size (413) anyway.
            HttpRequest request = held;
            held = null;
            ctx.fireChannelRead(request);
            heldContent.forEach(ctx::fireChannelRead);
            heldContent.clear();
            heldBytes = 0;
            return;
        }
        if (content instanceof LastHttpContent) {
            CompositeByteBuf all = ctx.alloc().compositeBuffer(Math.max(2, heldContent.size()));
            for (HttpContent c : heldContent) {
                all.addComponent(true, c.content().retain());
            }
            byte[] bytes = ByteBufUtil.getBytes(all);
            all.release();
            releaseHeld(JsonBodyInspector.inspect(bytes).orElse(null), ctx);
        }
    }

    /** Passes the held request on, its body as one last content, marked with the defect if there is one. */
    private void releaseHeld(JsonBodyInspector.Defect defect, ChannelHandlerContext ctx) {
        HttpRequest request = held;
        held = null;
        if (defect != null) {
            request.headers().set(BODY_DEFECT_MARK, defect.encode());
        }
        CompositeByteBuf body = ctx.alloc().compositeBuffer(Math.max(2, heldContent.size()));
        HttpHeaders trailers = null;
        for (HttpContent c : heldContent) {
            body.addComponent(true, c.content().retain());
            if (c instanceof LastHttpContent last) {
                trailers = last.trailingHeaders();
            }
            c.release();
        }
        heldContent.clear();
        heldBytes = 0;
        if (defect == JsonBodyInspector.MALFORMED_FRAMING) {
            // What came before the broken chunk is not the body the client meant: pass none of it on.
            body.release();
            body = ctx.alloc().compositeBuffer();
            HttpUtil.setTransferEncodingChunked(request, false);
            request.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
        }
        ctx.fireChannelRead(request);
        ctx.fireChannelRead(
                trailers == null ? new DefaultLastHttpContent(body) : new DefaultLastHttpContent(body, trailers));
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        heldContent.forEach(ReferenceCountUtil::release);
        heldContent.clear();
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        if (closeAfterResponse && msg instanceof HttpResponse response) {
            response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        }
        if (closeAfterResponse && msg instanceof LastHttpContent) {
            promise = promise.unvoid();
            promise.addListener(ChannelFutureListener.CLOSE);
        }
        super.write(ctx, msg, promise);
    }

    private void refuse(ChannelHandlerContext ctx, Throwable cause) {
        EdgeProblem problem;
        if (cause instanceof TooLongHttpLineException) {
            problem = new EdgeProblem(
                    HttpResponseStatus.REQUEST_URI_TOO_LONG,
                    ProblemCode.URI_TOO_LONG,
                    "The request line is longer than " + maxRequestLine
                            + " bytes. Send long values in the body, or shorten the URL.",
                    RequestIds.newId());
        } else if (cause instanceof TooLongHttpHeaderException) {
            problem = new EdgeProblem(
                    HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE,
                    ProblemCode.HEADERS_TOO_LARGE,
                    "The request headers are larger than " + maxHeaderBlock + " bytes in all. Send fewer or"
                            + " shorter headers.",
                    RequestIds.newId());
        } else if (String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT).contains("header")) {
            problem = new EdgeProblem(
                    HttpResponseStatus.BAD_REQUEST,
                    ProblemCode.INVALID_REQUEST,
                    "A header is not valid HTTP: header names are tokens, and values may not contain control"
                            + " characters (CR, LF, NUL and the like).",
                    RequestIds.newId());
        } else {
            problem = new EdgeProblem(
                    HttpResponseStatus.BAD_REQUEST,
                    ProblemCode.INVALID_REQUEST,
                    "The request line is not valid HTTP: it is METHOD, one space, the path, one space, HTTP/1.1."
                            + " Percent-encode spaces and control characters in the path (%20).",
                    RequestIds.newId());
        }
        ByteBuf body = Unpooled.wrappedBuffer(renderer.apply(problem));
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, problem.status(), body);
        HttpHeaders headers = response.headers();
        headers.set(HttpHeaderNames.CONTENT_TYPE, ProblemRenderer.PROBLEM_JSON);
        headers.set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
        headers.set(RequestIds.HEADER, problem.requestId());
        headers.set(ApiVersions.HEADER, ApiVersions.latest());
        headers.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
        ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
    }

    private static void normalise(HttpRequest request) {
        HttpHeaders headers = request.headers();
        headers.remove(NOT_ACCEPTABLE_MARK);
        headers.remove(BODY_DEFECT_MARK);
        if (headers.contains(HttpHeaderNames.ACCEPT_ENCODING)) {
            String offered = Negotiation.compressionFor(headers.getAll(HttpHeaderNames.ACCEPT_ENCODING));
            headers.remove(HttpHeaderNames.ACCEPT_ENCODING);
            if (offered != null) {
                headers.set(HttpHeaderNames.ACCEPT_ENCODING, offered);
            }
        }
        String uri = request.uri();
        if ((uri.startsWith("/api/") || uri.equals("/api")) && headers.contains(HttpHeaderNames.ACCEPT)) {
            boolean json = Negotiation.acceptsJson(headers.getAll(HttpHeaderNames.ACCEPT));
            headers.set(HttpHeaderNames.ACCEPT, "application/json");
            if (!json) {
                headers.set(NOT_ACCEPTABLE_MARK, "true");
            }
        } else if (isProbe(uri)) {
            // A probe answers JSON whatever a load balancer's Accept says (the spec's Health operations).
            headers.set(HttpHeaderNames.ACCEPT, "application/json");
        }
    }

    /** {@code /health} and {@code /health/liveness}, with or without a query. */
    static boolean isProbe(String uri) {
        if (!uri.startsWith("/health")) {
            return false;
        }
        String rest = uri.substring("/health".length());
        return rest.isEmpty() || rest.charAt(0) == '?' || rest.equals("/liveness") || rest.startsWith("/liveness?");
    }

    /** A request body whose transfer framing is broken. */
    static final class MalformedBodyException extends DecoderException {
        MalformedBodyException(Throwable cause) {
            super("malformed request body framing", cause);
        }
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
