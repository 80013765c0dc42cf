/* Click-to-play videos: a preview is a plain link drawn by the site, so nothing is asked of
   the video host until the reader clicks it; the click swaps the link for the host's
   privacy-enhanced player (youtube-nocookie.com, player.vimeo.com with dnt=1), titled by the
   link's data-title (the generator writes it). Without scripts the link opens the player in a
   new tab. */
document.addEventListener("click", function (event) {
  var link = event.target.closest ? event.target.closest("a[data-player]") : null;
  if (!link || event.ctrlKey || event.metaKey || event.shiftKey) return;
  event.preventDefault();
  var frame = document.createElement("iframe");
  frame.className = "db-video__frame";
  frame.src = link.getAttribute("data-player");
  frame.title = link.getAttribute("data-title"); // the video's alt text, in the site's words
  frame.allow = "autoplay; fullscreen; picture-in-picture; encrypted-media";
  frame.setAttribute("allowfullscreen", "");
  frame.setAttribute("referrerpolicy", "strict-origin-when-cross-origin");
  link.replaceWith(frame);
  frame.focus();
});
