import { createRoot } from "react-dom/client";
import { App } from "./App";
import { backend } from "./backend";
import "./styles.css";

createRoot(document.getElementById("root")!).render(<App backend={backend} />);
